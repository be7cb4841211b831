/**
 * The setting's photo library (protocol/library.ts), for the manager and keyworkers in the
 * app. Every route needs the device credential (deviceAuthHook) AND the signed-in person's
 * proof (StaffAccess, library/staffAccess.ts); what the person sees is their scope
 * (library/libraryScope.ts).
 *
 * Invariants:
 * - Only the device's own setting, only photos in the person's scope: a photo outside it is
 *   "not found", so ids cannot be probed.
 * - Image bytes are sent `no-store`: nothing is cached on the tablet beyond what the screen
 *   shows. An erased photo's bytes are never sent (410).
 * - Uses and approvals are recorded with their audit line (recordUse.ts, recordApproval.ts).
 * - The manager's removal list and erasures are in removalRoutes.ts.
 */
import type { FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { deniedMessage } from '../../policy/index.ts'
import {
  apiError,
  IdSchema,
  LibraryQuerySchema,
  RecordApprovalRequestSchema,
  RecordUseRequestSchema,
  type LibraryPage,
  type LibraryPhotoDetail,
} from '../../protocol/index.ts'
import { deviceAuthHook, deviceOf, type AuthenticatedDevice } from '../auth/deviceAuth.ts'
import { getPhotoRow, metaOf, type PhotoRow } from '../ingest/photoRows.ts'
import { policyDataLoader } from '../ingest/policyData.ts'
import { approvalsOf, libraryPhoto, useMoment } from '../library/libraryPhoto.ts'
import { mayOnPhoto, rosterOf, scopeOf, type LibraryScope } from '../library/libraryScope.ts'
import { listLibraryPhotos } from '../library/listLibraryPhotos.ts'
import { recordApproval } from '../library/recordApproval.ts'
import { recordUse, usesOf } from '../library/recordUse.ts'
import { thumbnailOf } from '../library/thumbnailOf.ts'
import { keepRawBody, type SignedInStaff, type StaffAccess } from '../library/staffAccess.ts'
import { isoNow, type SyncServices } from '../services.ts'
import { parentRequestRoutes } from './parentRequestRoutes.ts'
import { removalRoutes } from './removalRoutes.ts'
import { parseOr400 } from './validation.ts'

interface Caller {
  device: AuthenticatedDevice
  staff: SignedInStaff
  scope: LibraryScope
  roomChildren: (roomId: string) => string[]
}

const PhotoParamsSchema = z.object({ photoId: IdSchema })
const NOT_FOUND = 'This setting has no such photo, or it is not one of your key children’s.'

export function libraryRoutes(
  services: SyncServices,
  staffAccess: StaffAccess,
): FastifyPluginCallback {
  const policyData = policyDataLoader()
  const { db } = services

  async function callerOf(request: FastifyRequest, reply: FastifyReply): Promise<Caller | null> {
    const device = deviceOf(request)
    const access = await staffAccess(request, device)
    if (!access.ok) {
      void reply.code(access.status).send(access.body)
      return null
    }
    const roster = await rosterOf(db, device.settingId)
    const scope = scopeOf(access.staff, roster)
    if (scope === null) {
      void reply.code(403).send(apiError('forbidden', deniedMessage('view-photo-library')))
      return null
    }
    const roomChildren = (roomId: string) =>
      roster.filter((c) => c.roomId === roomId).map((c) => c.id)
    return { device, staff: access.staff, scope, roomChildren }
  }

  /** The photo named in the path if the caller may see it; null once the refusal is sent. */
  async function photoFor(
    request: FastifyRequest,
    reply: FastifyReply,
    caller: Caller,
  ): Promise<PhotoRow | null> {
    const params = parseOr400(reply, PhotoParamsSchema, request.params, 'photo id')
    if (!params.ok) return null
    const row = await getPhotoRow(db, caller.device.settingId, params.value.photoId)
    const visible =
      row !== undefined &&
      mayOnPhoto(caller.staff, 'view-photo-library', caller.scope, metaOf(row).childIds)
    if (!visible) {
      void reply.code(404).send(apiError('not_found', NOT_FOUND))
      return null
    }
    return row
  }

  async function sendImage(
    reply: FastifyReply,
    row: PhotoRow,
    read: () => Promise<Uint8Array | null>,
  ) {
    if (metaOf(row).deleted !== null) {
      return reply.code(410).send(apiError('gone', 'This photo has been deleted.'))
    }
    const bytes = await read()
    if (bytes === null) {
      const message = 'The server does not hold this image yet. The tablet that took it sends it.'
      return reply.code(404).send(apiError('not_found', message))
    }
    return reply
      .header('content-type', 'image/jpeg')
      .header('cache-control', 'no-store')
      .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
  }

  /** Rows as the library shows them, decided at the request's moment. */
  const describePhotos = async (settingId: string, rows: PhotoRow[]) => {
    // eslint-disable-next-line react-hooks/rules-of-hooks -- useMoment is no React hook
    const moment = useMoment(await policyData(db, settingId), isoNow(services))
    const approvals = await approvalsOf(
      db,
      settingId,
      rows.map((r) => r.id),
    )
    return rows.map((row) => libraryPhoto(moment, row, approvals))
  }

  return (api, _options, done) => {
    api.addHook('preHandler', deviceAuthHook(services))
    // The signature covers the body's bytes as sent, so keep them beside the parsed JSON.
    api.addHook('preParsing', keepRawBody)

    api.get('/photos', async (request, reply) => {
      const query = parseOr400(reply, LibraryQuerySchema, request.query, 'library request')
      if (!query.ok) return reply
      const caller = await callerOf(request, reply)
      if (caller === null) return reply
      const { settingId } = caller.device
      const page = await listLibraryPhotos(
        db,
        settingId,
        caller.scope,
        query.value,
        caller.roomChildren,
      )
      const moment = useMoment(await policyData(db, settingId), isoNow(services))
      const approvals = await approvalsOf(
        db,
        settingId,
        page.rows.map((r) => r.id),
      )
      const photos = page.rows.map((row) => libraryPhoto(moment, row, approvals))
      return { ok: true, photos, next: page.next } satisfies LibraryPage
    })

    api.get('/photos/:photoId', async (request, reply) => {
      const caller = await callerOf(request, reply)
      if (caller === null) return reply
      const row = await photoFor(request, reply, caller)
      if (row === null) return reply
      const { settingId } = caller.device
      const moment = useMoment(await policyData(db, settingId), isoNow(services))
      const photo = libraryPhoto(moment, row, await approvalsOf(db, settingId, [row.id]))
      const history = await usesOf(db, settingId, row.id)
      return { ok: true, photo, history } satisfies LibraryPhotoDetail
    })

    api.get('/photos/:photoId/thumbnail', async (request, reply) => {
      const caller = await callerOf(request, reply)
      if (caller === null) return reply
      const row = await photoFor(request, reply, caller)
      if (row === null) return reply
      return sendImage(reply, row, () => thumbnailOf(services, row))
    })

    api.get('/photos/:photoId/image', async (request, reply) => {
      const caller = await callerOf(request, reply)
      if (caller === null) return reply
      const row = await photoFor(request, reply, caller)
      if (row === null) return reply
      return sendImage(reply, row, async () =>
        row.stored_at === null ? null : services.photos.read(row.checksum),
      )
    })

    api.post('/photos/:photoId/uses', async (request, reply) => {
      const caller = await callerOf(request, reply)
      if (caller === null) return reply
      const row = await photoFor(request, reply, caller)
      if (row === null) return reply
      const body = parseOr400(reply, RecordUseRequestSchema, request.body, 'use')
      if (!body.ok) return reply
      if (!mayOnPhoto(caller.staff, 'use-photo', caller.scope, metaOf(row).childIds)) {
        return reply.code(403).send(apiError('forbidden', deniedMessage('use-photo')))
      }
      const { settingId } = caller.device
      const outcome = await recordUse(
        db,
        await policyData(db, settingId),
        { device: caller.device, staffId: caller.staff.staffId },
        row,
        body.value,
        isoNow(services),
      )
      if (outcome.ok) return { ok: true, use: outcome.use }
      const status = outcome.code === 'use_refused' ? 422 : 400
      return reply
        .code(status)
        .send({ ...apiError(outcome.code, outcome.message), reasons: outcome.reasons })
    })

    api.post('/photos/:photoId/approvals', async (request, reply) => {
      const caller = await callerOf(request, reply)
      if (caller === null) return reply
      const row = await photoFor(request, reply, caller)
      if (row === null) return reply
      const body = parseOr400(reply, RecordApprovalRequestSchema, request.body, 'approval')
      if (!body.ok) return reply
      if (!mayOnPhoto(caller.staff, 'record-photo-approval', caller.scope, [])) {
        return reply.code(403).send(apiError('forbidden', deniedMessage('record-photo-approval')))
      }
      const outcome = await recordApproval(
        db,
        { device: caller.device, staffId: caller.staff.staffId },
        row,
        body.value,
        isoNow(services),
      )
      if (!outcome.ok) return reply.code(422).send(apiError('bad_request', outcome.message))
      return { ok: true, approval: outcome.approval }
    })

    const helpers = {
      callerOf,
      photoFor,
      describePhotos,
      policyDataOf: (settingId: string) => policyData(db, settingId),
    }
    removalRoutes(api, services, helpers)
    parentRequestRoutes(api, services, helpers)
    done()
  }
}
