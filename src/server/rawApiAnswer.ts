/**
 * The answer to a request Node could not even parse (headers too large, a request too slow, a
 * malformed request line): written straight to the socket, since no route or hook runs, but in
 * the API's error envelope and with the same security headers as every other answer. It never
 * repeats any part of the request.
 */
import { STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'
import { apiError } from '../protocol/apiError.ts'

export function rawApiAnswer(socket: Duplex, error: Error, headers: Record<string, string>) {
  const code = 'code' in error ? error.code : undefined
  if (code === 'ECONNRESET' || socket.destroyed) return
  const [status, message] =
    code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'The request’s headers (or its address) are too large.']
      : code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'The request took too long to arrive. Try again.']
        : [400, 'The request could not be read.']
  const body = JSON.stringify(apiError('bad_request', message))
  const lines = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
    'content-type: application/json; charset=utf-8',
    `content-length: ${Buffer.byteLength(body)}`,
    'cache-control: no-store',
    'connection: close',
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ]
  if (socket.writable) socket.write(`${lines.join('\r\n')}\r\n\r\n${body}`)
  socket.destroy(error)
}
