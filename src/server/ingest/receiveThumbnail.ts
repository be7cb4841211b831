/**
 * A photo's thumbnail, from the tablet that took it, for the setting's photo library. The
 * tablet already makes a 320 px JPEG (a fresh encode, no metadata) in its capture pipeline; the
 * server has no image codec, and decoding a 2048 px photo to make one would cost the server
 * more than the tablet's upload of ~20 kB. So the tablet sends it, after the photo's details.
 *
 * Invariants:
 * - Only for a photo of the device's own setting, and only from the device that took it.
 * - Only a JPEG (FF D8 FF) of at most MAX_THUMBNAIL_BYTES; stored under its SHA-256.
 * - Set once: the same bytes again are "stored"; different bytes are a conflict.
 */
import { createHash } from 'node:crypto'
import { apiError, MAX_THUMBNAIL_BYTES, type ApiErrorBody } from '../../protocol/index.ts'
import type { AuthenticatedDevice } from '../auth/deviceAuth.ts'
import type { SyncServices } from '../services.ts'
import { groupCommitOf } from '../storage/groupCommit.ts'
import { getPhotoRow } from './photoRows.ts'

export type ThumbnailAnswer =
  | { status: 200; body: { ok: true; checksum: string } }
  | { status: 400 | 403 | 409 | 410 | 503 | 507; body: ApiErrorBody }

function isJpeg(bytes: Uint8Array): boolean {
  return bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff
}

export async function receiveThumbnail(
  services: SyncServices,
  device: AuthenticatedDevice,
  photoId: string,
  bytes: Uint8Array,
): Promise<ThumbnailAnswer> {
  const photo = await getPhotoRow(services.db, device.settingId, photoId)
  if (photo === undefined) {
    const message = 'The server does not know this photo yet. Its details are sent first.'
    return { status: 409, body: apiError('photo_unknown', message) }
  }
  if (photo.erased_at !== null) {
    const message = 'This photo was erased on the server: it takes no image of it any more.'
    return { status: 410, body: apiError('photo_erased', message) }
  }
  if (photo.device_id !== device.id) {
    const message = 'Only the tablet that took a photo sends its thumbnail.'
    return { status: 403, body: apiError('forbidden', message) }
  }
  if (bytes.byteLength > MAX_THUMBNAIL_BYTES || !isJpeg(bytes)) {
    const message = `A thumbnail is a JPEG of at most ${MAX_THUMBNAIL_BYTES / 1024} kB.`
    return { status: 400, body: apiError('bad_request', message) }
  }
  const checksum = createHash('sha256').update(bytes).digest('hex')
  if (photo.thumbnail_checksum !== null) {
    if (photo.thumbnail_checksum === checksum) return { status: 200, body: { ok: true, checksum } }
    const message = 'The server already has another thumbnail for this photo.'
    return { status: 409, body: apiError('conflict', message) }
  }
  const stored = await services.photos.storeWhole(bytes, checksum)
  if (!stored.ok && stored.reason === 'checksum') {
    return { status: 400, body: apiError('checksum_mismatch', 'The thumbnail arrived damaged.') }
  }
  if (!stored.ok) {
    // As for full images (decision 0011): retryable, the tablet keeps the thumbnail.
    const full = stored.reason === 'store-full'
    const message = full
      ? 'The server’s photo storage is full. Tell the manager: the server needs more disk space.'
      : 'The server could not store this thumbnail safely. It is sent again later.'
    return {
      status: full ? 507 : 503,
      body: apiError(full ? 'storage_full' : 'storage_failing', message),
    }
  }
  // Joins the other writes of the moment (groupCommit.ts): answered once it is committed.
  await groupCommitOf(services.db).run(async (trx) => {
    await trx
      .updateTable('photos')
      .set({ thumbnail_checksum: checksum, thumbnail_bytes: bytes.byteLength })
      .where('setting_id', '=', device.settingId)
      .where('id', '=', photoId)
      .execute()
  })
  return { status: 200, body: { ok: true, checksum } }
}
