/**
 * What the API answers when a request fails before or outside a route's own checks: a body
 * that is not JSON, too big, of the wrong type. Each is a 4xx with the protocol's error
 * envelope and words that say what to do; a database away or a disk full is a retryable
 * 503/507 (storeUnavailable.ts); only a bug is a 500, logged with its stack and answered
 * without details.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { apiError } from '../protocol/apiError.ts'
import { storeUnavailableOf } from './storeUnavailable.ts'

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const status = error.statusCode ?? 500
  if (status === 413) {
    return reply
      .code(413)
      .send(apiError('payload_too_large', 'The request is too big. Send it in smaller parts.'))
  }
  if (status === 415) {
    return reply
      .code(415)
      .send(apiError('unsupported_media_type', `Content type not accepted: ${error.message}`))
  }
  if (status >= 400 && status < 500) {
    return reply
      .code(400)
      .send(apiError('bad_request', `The request is not valid: ${error.message}`))
  }
  const unavailable = storeUnavailableOf(error)
  if (unavailable !== null) {
    request.log.warn({ err: error }, 'store unavailable')
    return reply.code(unavailable.status).header('retry-after', '30').send(unavailable.body)
  }
  request.log.error({ err: error }, 'request failed')
  return reply
    .code(500)
    .send(
      apiError(
        'internal',
        'Something went wrong on the server. Try again; if it keeps happening, tell the manager.',
      ),
    )
}
