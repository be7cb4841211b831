/**
 * POST /api/enrol: a new device exchanges a manager's one-time code for its credential. The
 * code is the authentication here; wrong codes are counted per client address and, past ten in
 * fifteen minutes, refused without looking (429), so codes cannot be guessed.
 */
import type { FastifyPluginCallback } from 'fastify'
import { apiError, EnrolRequestSchema, type EnrolResponse } from '../../protocol/index.ts'
import { enrolDevice } from '../devices/enrolment.ts'
import type { SyncServices } from '../services.ts'
import { parseOr400 } from './validation.ts'

export function enrolRoute(services: SyncServices): FastifyPluginCallback {
  return (api, _options, done) => {
    api.post('/enrol', async (request, reply) => {
      const nowMs = services.now().getTime()
      if (services.enrolFailures.blocked(request.ip, nowMs)) {
        const message =
          'Too many wrong codes from this network. Wait 15 minutes, then try the code again.'
        return reply.code(429).send(apiError('rate_limited', message))
      }
      const parsed = parseOr400(reply, EnrolRequestSchema, request.body, 'enrolment request')
      if (!parsed.ok) return reply
      const name = parsed.value.deviceName?.trim() || 'iPad'
      const enrolment = await enrolDevice(services.db, parsed.value.code, name, services.now())
      if (!enrolment.ok) {
        services.enrolFailures.fail(request.ip, nowMs)
        const message =
          'That code is not right, has been used, or is more than 15 minutes old. Ask the manager for a new one.'
        return reply.code(401).send(apiError('unauthorised', message))
      }
      const { ok: _ok, ...rest } = enrolment
      return { ok: true, ...rest } satisfies EnrolResponse
    })
    done()
  }
}
