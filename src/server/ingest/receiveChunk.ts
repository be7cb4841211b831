/**
 * One chunk of a photo's image: appended at the offset the server has reached, and when the
 * last byte is in, hashed and compared with the checksum the photo's metadata declared.
 *
 * Invariants:
 * - The image is accepted only for a photo of the device's own setting whose metadata the
 *   server has; `complete: true` is sent only after the SHA-256 matched and the file is on disk.
 * - A photo already stored answers `complete: true` without storing anything again, if the
 *   store still holds its image; if not (a restored disk, a lost folder), the record is taken
 *   back and the image accepted again, so no device drops the only copy on a false word.
 * - Too many bytes, or bytes that do not hash to the checksum, discard the partial upload so
 *   the device's next try starts clean; nothing on the device is lost, it still has the image.
 * - A partial upload that already holds every byte (the server stopped between the last append
 *   and its finish) is finished when the device asks again, whatever chunk it sends.
 * - A thumbnail sent with the chunk that ends the image is written in the commit that records
 *   the image as stored (thumbnailRows.ts decides its answer there); a photo already stored
 *   commits nothing, and its thumbnail is left to the caller.
 * - A full or failing store is a retryable 507/503 with words for the manager; the device
 *   keeps its image and tries again later. A stored image is checked whole (size and SHA-256)
 *   before it is reported held.
 */
import type { UploadResponse } from '../../protocol/index.ts'
import { apiError, type ApiErrorBody } from '../../protocol/index.ts'
import type { AuthenticatedDevice } from '../auth/deviceAuth.ts'
import type { AppendResult, FinishResult, PartialKey } from '../photoStore/PhotoStore.ts'
import { isoNow, type SyncServices } from '../services.ts'
import { getPhotoRow, type PhotoRow } from './photoRows.ts'
import type { ThumbnailAnswer, ThumbnailJob } from './thumbnailRows.ts'
import { writesOf } from './writes.ts'

export type ChunkAnswer =
  /** `thumbnail`: the answer of a thumbnail written in the image's commit. */
  | { status: 200; body: UploadResponse; thumbnail?: ThumbnailAnswer }
  | { status: 400 | 409 | 410 | 422; body: ApiErrorBody | (ApiErrorBody & { received: number }) }
  /** The store could not take the image now: `detail` is for the server's log only. */
  | { status: 503 | 507; body: ApiErrorBody; detail: string }

export async function receiveChunk(
  services: SyncServices,
  device: AuthenticatedDevice,
  photoId: string,
  offset: number,
  chunk: Uint8Array,
  /** Written in the same commit that records the image as stored, if this chunk ends it. */
  thumbnail?: ThumbnailJob,
): Promise<ChunkAnswer> {
  const photo = await getPhotoRow(services.db, device.settingId, photoId)
  if (photo === undefined) {
    const message =
      'The server does not know this photo yet. Its details are sent first; sync again.'
    return { status: 409, body: apiError('photo_unknown', message) }
  }
  if (photo.erased_at !== null) {
    const message = 'This photo was erased on the server: it takes no image of it any more.'
    return { status: 410, body: apiError('photo_erased', message) }
  }
  if (photo.stored_at !== null) {
    if (await services.photos.has(photo.checksum, photo.bytes)) {
      return {
        status: 200,
        body: { ok: true, received: photo.bytes, complete: true, checksum: photo.checksum },
      }
    }
    // Recorded as stored but not intact in the store (a disk restored from backup, a lost
    // folder, a damaged file): take the image again rather than let the device drop its copy.
    await markNotStored(services, device, photo.id)
  }
  const key: PartialKey = { owner: device.id, name: `${device.settingId}/${photoId}` }
  if (offset === 0 && chunk.byteLength === photo.bytes) {
    // The whole image in one request (most photos): hashed in memory, no partial file.
    const stored = await services.photos.storeWhole(chunk, photo.checksum)
    if (stored.ok) await services.photos.discard(key)
    return finished(services, device, photo, stored, thumbnail)
  }
  const appended = await services.photos.append(key, offset, chunk)
  if (!appended.ok) return notAppended(services, device, photo, key, appended, thumbnail)
  if (appended.size > photo.bytes) {
    await services.photos.discard(key)
    const message = `This photo has ${photo.bytes} bytes but more were sent. The upload starts again.`
    return { status: 400, body: apiError('bad_request', message) }
  }
  if (appended.size < photo.bytes) {
    return { status: 200, body: { ok: true, received: appended.size, complete: false } }
  }
  const done = await services.photos.finish(key, photo.checksum)
  return finished(services, device, photo, done, thumbnail)
}

async function notAppended(
  services: SyncServices,
  device: AuthenticatedDevice,
  photo: PhotoRow,
  key: PartialKey,
  appended: Exclude<AppendResult, { ok: true }>,
  thumbnail: ThumbnailJob | undefined,
): Promise<ChunkAnswer> {
  if (appended.reason === 'owner-limit') {
    const mb = (n: number) => Math.ceil(n / (1024 * 1024))
    const message = `This iPad already has ${mb(appended.held)} MB of unfinished photo uploads on the server, the most one iPad may hold (${mb(appended.limit)} MB). The photo stays on this iPad and is sent again later; unfinished uploads are finished or cleared in time. If this keeps happening, tell the manager.`
    return { status: 507, body: apiError('upload_limit', message), detail: message }
  }
  if (appended.reason !== 'offset') return storeProblem(appended)
  if (appended.size === photo.bytes) {
    // Every byte is in (the server stopped before it finished): finish it now.
    const done = await services.photos.finish(key, photo.checksum)
    return finished(services, device, photo, done, thumbnail)
  }
  if (appended.size > photo.bytes) {
    await services.photos.discard(key)
    const message = 'The server held more bytes of this photo than it has; send it from the start.'
    return { status: 409, body: { ...apiError('offset_mismatch', message), received: 0 } }
  }
  const message = `The server has ${appended.size} bytes of this photo; send from there.`
  return {
    status: 409,
    body: { ...apiError('offset_mismatch', message), received: appended.size },
  }
}

function finished(
  services: SyncServices,
  device: AuthenticatedDevice,
  photo: PhotoRow,
  result: FinishResult,
  thumbnail: ThumbnailJob | undefined,
): Promise<ChunkAnswer> | ChunkAnswer {
  if (result.ok) return acknowledge(services, device, photo, thumbnail)
  return result.reason === 'checksum' ? damaged() : storeProblem(result)
}

function storeProblem(failure: { reason: 'store-full' | 'store-failing'; detail: string }) {
  if (failure.reason === 'store-full') {
    const message =
      'The server’s photo storage is full, so this photo was not stored. It stays on this iPad and is sent again later. Tell the manager: the server needs more disk space.'
    return { status: 507, body: apiError('storage_full', message), detail: failure.detail } as const
  }
  const message =
    'The server could not store this photo safely (its photo storage is failing or unavailable). It stays on this iPad and is sent again later. If this keeps happening, tell the manager.'
  return {
    status: 503,
    body: apiError('storage_failing', message),
    detail: failure.detail,
  } as const
}

function damaged(): ChunkAnswer {
  const message = 'The photo arrived damaged (its checksum does not match). It will be sent again.'
  return { status: 422, body: apiError('checksum_mismatch', message) }
}

/** The image is verified and on disk (file and folder flushed): record it, then say so. */
async function acknowledge(
  services: SyncServices,
  device: AuthenticatedDevice,
  photo: PhotoRow,
  thumbnail: ThumbnailJob | undefined,
): Promise<ChunkAnswer> {
  // Joins the uploads acknowledged at the same moment: one commit, one flush for them all.
  const thumbnailAnswer = await writesOf(services).writePhoto({
    kind: 'stored',
    settingId: device.settingId,
    deviceId: device.id,
    photoId: photo.id,
    checksum: photo.checksum,
    bytes: photo.bytes,
    at: isoNow(services),
    thumbnail: thumbnail ?? null,
  })
  return {
    status: 200,
    body: { ok: true, received: photo.bytes, complete: true, checksum: photo.checksum },
    ...(thumbnailAnswer === null ? {} : { thumbnail: thumbnailAnswer }),
  }
}

async function markNotStored(
  services: SyncServices,
  device: AuthenticatedDevice,
  photoId: string,
): Promise<void> {
  await services.db
    .updateTable('photos')
    .set({ stored_at: null })
    .where('setting_id', '=', device.settingId)
    .where('id', '=', photoId)
    .execute()
}
