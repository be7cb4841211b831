/**
 * Retention and a parent's requests (protocol/retention.ts), inside the library's routes: the
 * same device credential and signed request, and the manager's role on top (like the removal
 * list, decision 0017).
 *
 * Invariants:
 * - Every change and every export is audited: `retention-changed`, `subject-access-exported`,
 *   `child-erasure` (with the decision on each group photo).
 * - An erasure's bytes leave the store once its transaction committed, before the answer.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { deniedMessage } from '../../policy/index.ts'
import {
  apiError,
  ChildErasureRequestSchema,
  ChildWireSchema,
  IdSchema,
  RetentionPolicySchema,
  type ChildErasurePreview,
  type ChildErasureResponse,
} from '../../protocol/index.ts'
import { childPhotos, eraseChild } from '../library/childErasure.ts'
import { removeErasedBytes } from '../library/erasePhoto.ts'
import { subjectAccessExport } from '../library/subjectAccess.ts'
import { readRetention, saveRetention } from '../retention/retentionPolicy.ts'
import { appendServerAudit } from '../serverAudit.ts'
import { isoNow, type SyncServices } from '../services.ts'
import { getEntity } from '../storage/entities.ts'
import type { LibraryHelpers } from './removalRoutes.ts'
import { parseOr400 } from './validation.ts'

const ChildParamsSchema = z.object({ childId: IdSchema })
const NO_CHILD = 'This setting has no such child.'

export function parentRequestRoutes(
  api: FastifyInstance,
  services: SyncServices,
  h: LibraryHelpers,
) {
  const { db } = services

  async function manager(request: FastifyRequest, reply: FastifyReply) {
    const caller = await h.callerOf(request, reply)
    if (caller === null) return null
    if (caller.staff.role !== 'manager') {
      void reply.code(403).send(apiError('forbidden', deniedMessage('answer-parent-requests')))
      return null
    }
    return caller
  }

  /** The manager, and the child in the path if it is one of the setting's; null once refused. */
  async function managerAndChild(request: FastifyRequest, reply: FastifyReply) {
    const params = parseOr400(reply, ChildParamsSchema, request.params, 'child id')
    if (!params.ok) return null
    const caller = await manager(request, reply)
    if (caller === null) return null
    const { childId } = params.value
    const child = ChildWireSchema.safeParse(
      await getEntity(db, caller.device.settingId, 'child', childId),
    )
    if (!child.success) {
      void reply.code(404).send(apiError('not_found', NO_CHILD))
      return null
    }
    return { caller, childId }
  }

  api.get('/retention', async (request, reply) => {
    const caller = await manager(request, reply)
    if (caller === null) return reply
    return readRetention(db, caller.device.settingId)
  })

  api.post('/retention', async (request, reply) => {
    const caller = await manager(request, reply)
    if (caller === null) return reply
    const body = parseOr400(reply, RetentionPolicySchema, request.body, 'retention')
    if (!body.ok) return reply
    const actor = {
      settingId: caller.device.settingId,
      staffId: caller.staff.staffId,
      deviceId: caller.device.id,
    }
    return saveRetention(db, actor, body.value, isoNow(services))
  })

  api.get('/children/:childId/subject-access', async (request, reply) => {
    const found = await managerAndChild(request, reply)
    if (found === null) return reply
    const { caller, childId } = found
    const now = isoNow(services)
    const done = await subjectAccessExport(services, caller.device.settingId, childId, now)
    if (done === null) return reply.code(404).send(apiError('not_found', NO_CHILD))
    await appendServerAudit(db, {
      settingId: caller.device.settingId,
      at: now,
      deviceId: caller.device.id,
      staffId: caller.staff.staffId,
      type: 'subject-access-exported',
      details: { childId, ...done.counts },
    })
    return reply
      .header('content-type', 'application/zip')
      .header('content-disposition', `attachment; filename="${done.fileName}"`)
      .header('cache-control', 'no-store')
      .send(Buffer.from(done.zip.buffer, done.zip.byteOffset, done.zip.byteLength))
  })

  api.get('/children/:childId/erasure', async (request, reply) => {
    const found = await managerAndChild(request, reply)
    if (found === null) return reply
    const { settingId } = found.caller.device
    const photos = await childPhotos(db, settingId, found.childId)
    return {
      ok: true,
      solo: await h.describePhotos(settingId, photos.solo),
      group: await h.describePhotos(settingId, photos.group),
    } satisfies ChildErasurePreview
  })

  api.post('/children/:childId/erasure', async (request, reply) => {
    const found = await managerAndChild(request, reply)
    if (found === null) return reply
    const body = parseOr400(reply, ChildErasureRequestSchema, request.body, 'erasure')
    if (!body.ok) return reply
    const { caller, childId } = found
    const actor = { device: caller.device, staffId: caller.staff.staffId }
    const outcome = await eraseChild(db, actor, childId, body.value, isoNow(services))
    if (!outcome.ok) return reply.code(409).send(apiError('conflict', outcome.message))
    await removeErasedBytes(services)
    return { ok: true, erased: outcome.erased, kept: outcome.kept } satisfies ChildErasureResponse
  })
}
