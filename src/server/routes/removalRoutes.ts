/**
 * The manager's removal list (protocol/removal.ts), inside the library's routes: the same
 * device credential and signed request, the same "not found" for a photo out of scope, and
 * `manage-removals` (the manager's) on top.
 *
 * Invariant: an erasure's bytes leave the store once its transaction committed
 * (removeErasedBytes), before the answer.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { deniedMessage } from '../../policy/index.ts'
import {
  apiError,
  ConfirmTakedownRequestSchema,
  RemovalDecisionRequestSchema,
  type LibraryPhoto,
  type RemovalList,
} from '../../protocol/index.ts'
import type { AuthenticatedDevice } from '../auth/deviceAuth.ts'
import type { PhotoRow } from '../ingest/photoRows.ts'
import { removeErasedBytes } from '../library/erasePhoto.ts'
import type { SignedInStaff } from '../library/staffAccess.ts'
import { confirmTakedown, decideRemoval, removalFacts, removalRows } from '../library/removals.ts'
import { isoNow, type SyncServices } from '../services.ts'
import { parseOr400 } from './validation.ts'

export interface RemovalCaller {
  device: AuthenticatedDevice
  staff: SignedInStaff
}

/** What the library's routes lend: who asks, the photo in the path, a photo as listed. */
export interface LibraryHelpers {
  callerOf(request: FastifyRequest, reply: FastifyReply): Promise<RemovalCaller | null>
  photoFor(
    request: FastifyRequest,
    reply: FastifyReply,
    caller: RemovalCaller,
  ): Promise<PhotoRow | null>
  describePhotos(settingId: string, rows: PhotoRow[]): Promise<LibraryPhoto[]>
}

export function removalRoutes(api: FastifyInstance, services: SyncServices, h: LibraryHelpers) {
  const { db } = services

  async function manager(request: FastifyRequest, reply: FastifyReply) {
    const caller = await h.callerOf(request, reply)
    if (caller === null) return null
    if (caller.staff.role !== 'manager') {
      void reply.code(403).send(apiError('forbidden', deniedMessage('manage-removals')))
      return null
    }
    return caller
  }

  api.get('/removals', async (request, reply) => {
    const caller = await manager(request, reply)
    if (caller === null) return reply
    const rows = await removalRows(db, caller.device.settingId)
    const photos = await h.describePhotos(caller.device.settingId, rows)
    const items = []
    for (const [i, row] of rows.entries()) {
      const photo = photos[i]
      if (photo !== undefined) items.push({ photo, ...(await removalFacts(db, row)) })
    }
    return { ok: true, items } satisfies RemovalList
  })

  api.post('/photos/:photoId/takedowns', async (request, reply) => {
    const caller = await manager(request, reply)
    if (caller === null) return reply
    const row = await h.photoFor(request, reply, caller)
    if (row === null) return reply
    const body = parseOr400(reply, ConfirmTakedownRequestSchema, request.body, 'take-down')
    if (!body.ok) return reply
    const actor = { device: caller.device, staffId: caller.staff.staffId }
    const outcome = await confirmTakedown(db, actor, row, body.value, isoNow(services))
    if (!outcome.ok) return reply.code(404).send(apiError('not_found', outcome.message))
    return { ok: true }
  })

  api.post('/photos/:photoId/removal', async (request, reply) => {
    const caller = await manager(request, reply)
    if (caller === null) return reply
    const row = await h.photoFor(request, reply, caller)
    if (row === null) return reply
    const body = parseOr400(reply, RemovalDecisionRequestSchema, request.body, 'decision')
    if (!body.ok) return reply
    const actor = { device: caller.device, staffId: caller.staff.staffId }
    const outcome = await decideRemoval(db, actor, row, body.value, isoNow(services))
    if (!outcome.ok) return reply.code(409).send(apiError('conflict', outcome.message))
    if (body.value.decision === 'erase') await removeErasedBytes(services)
    return { ok: true, decision: body.value.decision, keptPurposes: outcome.keptPurposes }
  })
}
