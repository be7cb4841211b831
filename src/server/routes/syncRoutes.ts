/**
 * The device's sync API, all behind the device credential:
 *   POST /api/sync/push                          the outbox, in batches (exactly once)
 *   GET  /api/sync/pull?settingId&since&limit    changes after a cursor
 *   PUT  /api/sync/photos/:photoId/content       a chunk of a photo's image (resumable); the
 *                                                last may carry the thumbnail
 *   POST /api/sync/photos/content                several whole photos with their thumbnails
 *   POST /api/sync/audit                         the device's audit events, verified on arrival
 *   GET  /api/sync/live?settingId                Server-Sent Events: "changed" (live/liveChanges.ts)
 *   PUT  /api/sync/photos/:photoId/thumbnail     its thumbnail, for the library
 *
 * Invariants: every query is scoped by the authenticated device's setting; a request naming
 * another setting is refused; pull answers are built from the stored JSON without re-encoding,
 * so a fresh device's first pull costs little more than a raw download.
 */
import type { FastifyPluginCallback } from 'fastify'
import {
  apiError,
  AuditPushRequestSchema,
  LiveQuerySchema,
  MAX_BATCH_BODY_BYTES,
  MAX_CHUNK_BYTES,
  MAX_UPLOAD_BODY_BYTES,
  PullQuerySchema,
  PushRequestSchema,
  SMALL_PULL_PAGE,
  UploadParamsSchema,
  UploadQuerySchema,
  type PhotoBatchResponse,
  type PushResponse,
  type PushResult,
} from '../../protocol/index.ts'
import { deviceAuthHook, deviceOf, refuseOtherSetting } from '../auth/deviceAuth.ts'
import { durableNow, isoNow, readDbOf, type SyncServices } from '../services.ts'
import { entitiesSince, restrictionsSince } from '../storage/entities.ts'
import { receiveAudit } from '../audit/receiveAudit.ts'
import { settingFacts } from '../audit/settingFacts.ts'
import { restricts } from '../ingest/applySlice.ts'
import { writesOf } from '../ingest/writes.ts'
import { checkProofs } from '../ingest/checkProofs.ts'
import { settingQueue } from '../ingest/settingQueue.ts'
import { liveChangesOf } from '../live/liveChanges.ts'
import { receiveThumbnail } from '../ingest/receiveThumbnail.ts'
import { parsePhotoBatch } from '../ingest/parsePhotoBatch.ts'
import { receiveImage } from '../ingest/receiveImage.ts'
import { removeErasedBytes } from '../library/erasePhoto.ts'
import { parseOr400 } from './validation.ts'

const PUSH_SLICE = 20

export function syncRoutes(services: SyncServices): FastifyPluginCallback {
  const pushes = writesOf(services)
  const live = liveChangesOf(services)
  const writers = settingQueue()
  return (api, _options, done) => {
    api.addHook('preHandler', deviceAuthHook(services))
    // Open streams would hold a shutdown until its grace ran out: end them first.
    api.addHook('preClose', (close) => {
      live.closeAll()
      close()
    })
    api.addContentTypeParser(
      'application/octet-stream',
      // A chunk and a thumbnail at most; the route refuses a chunk over MAX_CHUNK_BYTES (413).
      { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BODY_BYTES },
      (_request, body, done) => {
        done(null, body)
      },
    )

    api.post('/push', async (request, reply) => {
      const device = deviceOf(request)
      const parsed = parseOr400(reply, PushRequestSchema, request.body, 'push')
      if (!parsed.ok || refuseOtherSetting(reply, device, parsed.value.settingId)) return reply
      // Signatures are checked off the event loop before any slice waits; a withdrawal's few
      // are checked in its transaction, so it waits for nothing on the way.
      const proofs = parsed.value.changes.some(restricts)
        ? new Map()
        : await checkProofs(readDbOf(services), device.settingId, parsed.value.changes)
      // Short transactions: a batch is applied a slice at a time, each its own transaction
      // and its own turn, so uploads, pulls and a withdrawal get in between. Each change
      // still commits with its exactly-once record; a failure leaves earlier slices applied,
      // and the device's resend gets them answered as duplicates.
      const results: PushResult[] = []
      let untold = false
      for (let i = 0; i < parsed.value.changes.length; i += PUSH_SLICE) {
        const slice = parsed.value.changes.slice(i, i + PUSH_SLICE)
        const urgent = slice.some(restricts)
        // A withdrawal's slice also reads, before it commits, what the other tablets are told:
        // the streams open when its turn comes are the ones asked about.
        const { applied, news } = await writers.run(
          device.settingId,
          () =>
            pushes.apply({
              device,
              changes: slice,
              now: isoNow(services),
              proofs,
              listening: urgent ? live.listening(device.settingId, device.id) : [],
            }),
          urgent,
        )
        results.push(...applied)
        const changed = applied.some((r) => r.status === 'applied')
        // A withdrawal is told the moment its slice commits, not after the rest of the batch,
        // and the records that withdrew go with it (live/liveNews.ts). Then the removal flags
        // it owes its children's earlier photos are written, next in the setting's turn
        // (withdrawalFlags.ts, decision 0041); the tablets hear of those as of any change.
        if (urgent && changed) {
          live.notify(device.settingId, device.id, news ?? undefined)
          // The withdrawal has committed: a failure here leaves the flags owed, for the
          // sweep (flagsDueSweep.ts), and the push is answered as applied all the same.
          const flagged = await writers
            .run(device.settingId, () => pushes.flagsDue(device.settingId, isoNow(services)), true)
            .catch((error: unknown) => {
              request.log.error({ err: error }, 'removal flags owed by a withdrawal not written')
              return 0
            })
          if (flagged > 0) live.notify(device.settingId, device.id)
        }
        untold = (untold || changed) && !(urgent && changed)
      }
      if (untold) live.notify(device.settingId, device.id)
      // Photos deleted on the tablet were erased in the push; their bytes go now it committed.
      if (parsed.value.changes.some((c) => c.kind === 'photo' && c.payload.deleted !== null)) {
        await removeErasedBytes(services)
      }
      return { ok: true, results } satisfies PushResponse
    })

    api.get('/live', (request, reply) => {
      const device = deviceOf(request)
      const parsed = parseOr400(reply, LiveQuerySchema, request.query, 'live request')
      if (!parsed.ok || refuseOtherSetting(reply, device, parsed.value.settingId)) return reply
      const stream = live.open(device, () => undefined)
      pushes.ready()
      request.raw.on('close', () => stream.destroy())
      return reply
        .header('content-type', 'text/event-stream; charset=utf-8')
        .header('x-accel-buffering', 'no')
        .send(stream)
    })

    api.post('/audit', async (request, reply) => {
      const device = deviceOf(request)
      const parsed = parseOr400(reply, AuditPushRequestSchema, request.body, 'audit push')
      if (!parsed.ok || refuseOtherSetting(reply, device, parsed.value.settingId)) return reply
      return writers.run(device.settingId, () =>
        receiveAudit(services.db, device, parsed.value.events, isoNow(services)),
      )
    })

    api.get('/pull', async (request, reply) => {
      const device = deviceOf(request)
      const parsed = parseOr400(reply, PullQuerySchema, request.query, 'pull request')
      if (!parsed.ok || refuseOtherSetting(reply, device, parsed.value.settingId)) return reply
      const { since, limit } = parsed.value
      // Pulls read on their own connection: a withdrawal travels while pushes commit. Its
      // reads wait for no disk; the answer waits once, below, for all they may have seen.
      const readDb = readDbOf(services)
      const page = await entitiesSince(readDb, device.settingId, since, limit)
      const cursor = page.rows.at(-1)?.seq ?? since
      const entry = (r: { seq: number; kind: string; payload: string }) =>
        `{"seq":${r.seq},"kind":"${r.kind}","payload":${r.payload}}`
      const changes = page.rows.map(entry)
      // Withdrawals and refusals travel ahead of a big page or the pages after it
      // (src/protocol/pull.ts).
      const restrictions =
        page.more || page.rows.length > SMALL_PULL_PAGE
          ? (await restrictionsSince(readDb, device.settingId, since)).map(entry)
          : []
      const head = {
        ok: true,
        cursor,
        more: page.more,
        serverTime: isoNow(services),
        device: { id: device.id, settingId: device.settingId, revoked: false },
        config: { thumbnailRetentionHours: services.thumbnailRetentionHours },
        // Read by the tablet with the last page only: not worked out for every page before it.
        ...(page.more
          ? {}
          : { facts: await settingFacts(readDb, device.settingId, services.now(), device.id) }),
      }
      const json = JSON.stringify(head)
      // Nothing leaves before it is on disk: a change a power cut took back would give its
      // sequence number to another one, which this tablet would then skip.
      await durableNow(services)
      return reply
        .type('application/json; charset=utf-8')
        .send(
          `${json.slice(0, -1)},${
            restrictions.length > 0 ? `"restrictions":[${restrictions.join(',')}],` : ''
          }"changes":[${changes.join(',')}]}`,
        )
    })

    api.put('/photos/:photoId/content', async (request, reply) => {
      const device = deviceOf(request)
      const params = parseOr400(reply, UploadParamsSchema, request.params, 'photo id')
      if (!params.ok) return reply
      const query = parseOr400(reply, UploadQuerySchema, request.query, 'upload offset')
      if (!query.ok) return reply
      const body: unknown = request.body
      if (!(body instanceof Buffer) || body.byteLength === 0) {
        return reply.code(400).send({
          ok: false,
          error: {
            code: 'bad_request',
            message: 'Send the chunk as application/octet-stream, at least one byte.',
          },
        })
      }
      const thumbnailBytes = query.value.thumbnailBytes ?? 0
      if (body.byteLength - thumbnailBytes > MAX_CHUNK_BYTES) {
        const message = `A chunk is at most ${MAX_CHUNK_BYTES} bytes; send smaller chunks.`
        return reply.code(413).send(apiError('payload_too_large', message))
      }
      if (thumbnailBytes >= body.byteLength) {
        const message = 'The body holds no image bytes before its thumbnail.'
        return reply.code(400).send(apiError('bad_request', message))
      }
      const { photoId } = params.value
      const chunk = body.subarray(0, body.byteLength - thumbnailBytes)
      const thumbnailPart = thumbnailBytes === 0 ? null : body.subarray(chunk.byteLength)
      const answer = await receiveImage(
        services,
        device,
        photoId,
        query.value.offset,
        chunk,
        thumbnailPart,
      )
      if (answer.status === 503 || answer.status === 507) {
        request.log.error({ photoId, problem: answer.detail }, 'photo store')
        void reply.header('retry-after', '300')
      }
      return reply.code(answer.status).send(answer.body)
    })

    // Several whole photos in one request (protocol/photoBatch.ts), each answered on its own.
    api.post('/photos/content', { bodyLimit: MAX_BATCH_BODY_BYTES }, async (request, reply) => {
      const device = deviceOf(request)
      const body: unknown = request.body
      if (!(body instanceof Buffer)) {
        const message = 'Send a batch of photos as application/octet-stream.'
        return reply.code(400).send(apiError('bad_request', message))
      }
      const batch = parsePhotoBatch(body)
      if (!batch.ok) return reply.code(400).send(apiError('bad_request', batch.message))
      // Side by side: their files are flushed together and their rows join one commit
      // (groupCommit.ts), so the batch pays about one flush of each kind.
      const results = await Promise.all(
        batch.photos.map(async ({ photoId, image, thumbnail }) => {
          const answer = await receiveImage(services, device, photoId, 0, image, thumbnail)
          if (answer.status === 503 || answer.status === 507) {
            request.log.error({ photoId, problem: answer.detail }, 'photo store')
          }
          return answer.status === 200
            ? { ...answer.body, photoId }
            : { ...answer.body, photoId, status: answer.status }
        }),
      )
      return { ok: true, results } satisfies PhotoBatchResponse
    })

    api.put('/photos/:photoId/thumbnail', async (request, reply) => {
      const device = deviceOf(request)
      const params = parseOr400(reply, UploadParamsSchema, request.params, 'photo id')
      if (!params.ok) return reply
      const body: unknown = request.body
      if (!(body instanceof Buffer)) {
        const message = 'Send the thumbnail as application/octet-stream.'
        return reply.code(400).send(apiError('bad_request', message))
      }
      const answer = await receiveThumbnail(services, device, params.value.photoId, body)
      return reply.code(answer.status).send(answer.body)
    })
    done()
  }
}
