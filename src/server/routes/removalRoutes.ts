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
  EraseRequestSchema,
  RemovalDecisionRequestSchema,
  type LibraryPhoto,
  type QuarantineList,
  type RecheckResponse,
  type RemovalList,
} from '../../protocol/index.ts'
import type { AuthenticatedDevice } from '../auth/deviceAuth.ts'
import type { PhotoRow } from '../ingest/photoRows.ts'
import { erasePhoto, removeErasedBytes } from '../library/erasePhoto.ts'
import { quarantinedRows, recheckQuarantine } from '../library/quarantineReview.ts'
import type { PolicyData } from '../ingest/policyData.ts'
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
  policyDataOf(settingId: string): Promise<PolicyData>
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

  api.get('/quarantine', async (request, reply) => {
    const caller = await manager(request, reply)
    if (caller === null) return reply
    const rows = await quarantinedRows(db, caller.device.settingId)
    const photos = await h.describePhotos(caller.device.settingId, rows)
    return { ok: true, photos } satisfies QuarantineList
  })

  api.post('/photos/:photoId/erase', async (request, reply) => {
    const caller = await manager(request, reply)
    if (caller === null) return reply
    const row = await h.photoFor(request, reply, caller)
    if (row === null) return reply
    const body = parseOr400(reply, EraseRequestSchema, request.body, 'erasure')
    if (!body.ok) return reply
    if (row.quarantined_at === null || row.erased_at !== null) {
      const message =
        'Only a quarantined photo is erased here. A photo a withdrawal concerns goes through the Removal list.'
      return reply.code(409).send(apiError('conflict', message))
    }
    const erasure = {
      cause: 'quarantine',
      reason: body.value.reason,
      staffId: caller.staff.staffId,
      deviceId: caller.device.id,
    } as const
    await erasePhoto(services, row, erasure, isoNow(services))
    return { ok: true }
  })

  api.post('/photos/:photoId/recheck', async (request, reply) => {
    const caller = await manager(request, reply)
    if (caller === null) return reply
    const row = await h.photoFor(request, reply, caller)
    if (row === null) return reply
    if (row.quarantined_at === null || row.erased_at !== null) {
      return reply.code(409).send(apiError('conflict', 'This photo is not quarantined.'))
    }
    const data = await h.policyDataOf(caller.device.settingId)
    const actor = { device: caller.device, staffId: caller.staff.staffId }
    const outcome = await recheckQuarantine(db, data, actor, row, isoNow(services))
    return outcome.released
      ? ({ ok: true, released: true, rules: [], message: '' } satisfies RecheckResponse)
      : ({
          ok: true,
          released: false,
          rules: outcome.rules,
          message: outcome.message,
        } satisfies RecheckResponse)
  })
}
