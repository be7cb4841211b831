/**
 * A photo's thumbnail, from the tablet that took it, for the setting's photo library. The
 * tablet already makes a 320 px JPEG (a fresh encode, no metadata) in its capture pipeline; the
 * server has no image codec, and decoding a 2048 px photo to make one would cost the server
 * more than the tablet's upload of ~20 kB. So the tablet sends it, after the photo's details.
 *
 * Invariants:
 * - Only for a photo of the device's own setting, and only from the device that took it.
 * - Only a JPEG (FF D8 FF) of at most MAX_THUMBNAIL_BYTES; its SHA-256 recorded with it.
 * - Kept in the database (photo_thumbnails, migration 0012), written in the same commit as the
 *   photo's thumbnail checksum: answered "stored" only once that commit is on disk. Not a file
 *   in the photo store: two more disk flushes per photo, for ~20 kB (0012 says more).
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
  | { status: 400 | 403 | 409 | 410; body: ApiErrorBody }

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
  if (photo.erased_at !== null) return erased()
  if (photo.device_id !== device.id) {
    const message = 'Only the tablet that took a photo sends its thumbnail.'
    return { status: 403, body: apiError('forbidden', message) }
  }
  if (bytes.byteLength > MAX_THUMBNAIL_BYTES || !isJpeg(bytes)) {
    const message = `A thumbnail is a JPEG of at most ${MAX_THUMBNAIL_BYTES / 1024} kB.`
    return { status: 400, body: apiError('bad_request', message) }
  }
  const checksum = createHash('sha256').update(bytes).digest('hex')
  if (photo.thumbnail_checksum !== null) return sameOrConflict(photo.thumbnail_checksum, checksum)
  // Joins the other writes of the moment (groupCommit.ts): answered once it is committed.
  const found: { held: string | null; erased: boolean } = { held: null, erased: false }
  await groupCommitOf(services.db).run(async (trx) => {
    // Read again in the transaction: another request for the photo, or its erasure, may have
    // committed since the read above.
    const now = await trx
      .selectFrom('photos')
      .select(['thumbnail_checksum', 'erased_at'])
      .where('setting_id', '=', device.settingId)
      .where('id', '=', photoId)
      .executeTakeFirstOrThrow()
    found.held = now.thumbnail_checksum
    found.erased = now.erased_at !== null
    if (found.held !== null || found.erased) return
    await trx
      .insertInto('photo_thumbnails')
      .values({
        setting_id: device.settingId,
        photo_id: photoId,
        jpeg_base64: Buffer.from(bytes).toString('base64'),
      })
      .execute()
    await trx
      .updateTable('photos')
      .set({ thumbnail_checksum: checksum, thumbnail_bytes: bytes.byteLength })
      .where('setting_id', '=', device.settingId)
      .where('id', '=', photoId)
      .execute()
  })
  if (found.erased) return erased()
  return found.held === null
    ? { status: 200, body: { ok: true, checksum } }
    : sameOrConflict(found.held, checksum)
}

function erased(): ThumbnailAnswer {
  const message = 'This photo was erased on the server: it takes no image of it any more.'
  return { status: 410, body: apiError('photo_erased', message) }
}

function sameOrConflict(held: string, sent: string): ThumbnailAnswer {
  if (held === sent) return { status: 200, body: { ok: true, checksum: sent } }
  const message = 'The server already has another thumbnail for this photo.'
  return { status: 409, body: apiError('conflict', message) }
}
