/**
 * Closes the connections that hold a stopping server without doing anything: a keep-alive
 * connection between requests, or one opened and never used (a browser's preconnect). Node's
 * own close() misses the second kind, which then held the process until its grace ran out.
 * A connection with a request in flight is left alone; the app answers it with
 * `connection: close`, so it ends after its answer and the next call here finds it idle.
 */
import type { Server } from 'node:http'
import type { Socket } from 'node:net'
import { Server as TlsServer } from 'node:tls'

export function idleConnectionCloser(server: Server): () => void {
  const sockets = new Set<Socket>()
  const inFlight = new Map<Socket, number>()
  // Over HTTPS the request's socket is the TLS one, so track that, not the TCP one beneath.
  const event = server instanceof TlsServer ? 'secureConnection' : 'connection'
  server.on(event, (socket: Socket) => {
    sockets.add(socket)
    socket.once('close', () => {
      sockets.delete(socket)
      inFlight.delete(socket)
    })
  })
  server.on('request', (request, response) => {
    const socket = request.socket
    inFlight.set(socket, (inFlight.get(socket) ?? 0) + 1)
    response.once('close', () => {
      const left = (inFlight.get(socket) ?? 1) - 1
      if (left > 0) inFlight.set(socket, left)
      else inFlight.delete(socket)
    })
  })
  return () => {
    for (const socket of sockets) if (!inFlight.has(socket)) socket.destroy()
  }
}
