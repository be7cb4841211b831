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
 */
import type { UploadResponse } from '../../protocol/index.ts'
import { apiError, type ApiErrorBody } from '../../protocol/index.ts'
import type { AuthenticatedDevice } from '../auth/deviceAuth.ts'
import { appendServerAudit } from '../serverAudit.ts'
import { isoNow, type SyncServices } from '../services.ts'
import { getPhotoRow, type PhotoRow } from './photoRows.ts'

export type ChunkAnswer =
  | { status: 200; body: UploadResponse }
  | { status: 400 | 409 | 422; body: ApiErrorBody | (ApiErrorBody & { received: number }) }

export async function receiveChunk(
  services: SyncServices,
  device: AuthenticatedDevice,
  photoId: string,
  offset: number,
  chunk: Uint8Array,
): Promise<ChunkAnswer> {
  const photo = await getPhotoRow(services.db, device.settingId, photoId)
  if (photo === undefined) {
    const message =
      'The server does not know this photo yet. Its details are sent first; sync again.'
    return { status: 409, body: apiError('photo_unknown', message) }
  }
  if (photo.stored_at !== null) {
    if (await services.photos.has(photo.checksum)) {
      return {
        status: 200,
        body: { ok: true, received: photo.bytes, complete: true, checksum: photo.checksum },
      }
    }
    // Recorded as stored but not in the store (a disk restored from backup, a lost folder):
    // take the image again rather than let the device drop the only copy.
    await markNotStored(services, device, photo.id)
  }
  if (offset === 0 && chunk.byteLength === photo.bytes) {
    // The whole image in one request (most photos): hashed in memory, no partial file.
    const stored = await services.photos.storeWhole(chunk, photo.checksum)
    return stored.ok ? acknowledge(services, device, photo) : damaged()
  }
  const key = `${device.settingId}/${photoId}`
  const appended = await services.photos.append(key, offset, chunk)
  if (!appended.ok) {
    const message = `The server has ${appended.size} bytes of this photo; send from there.`
    return {
      status: 409,
      body: { ...apiError('offset_mismatch', message), received: appended.size },
    }
  }
  if (appended.size > photo.bytes) {
    await services.photos.discard(key)
    const message = `This photo has ${photo.bytes} bytes but more were sent. The upload starts again.`
    return { status: 400, body: apiError('bad_request', message) }
  }
  if (appended.size < photo.bytes) {
    return { status: 200, body: { ok: true, received: appended.size, complete: false } }
  }
  const finished = await services.photos.finish(key, photo.checksum)
  return finished.ok ? acknowledge(services, device, photo) : damaged()
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
): Promise<ChunkAnswer> {
  const now = isoNow(services)
  await services.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('photos')
      .set({ stored_at: now })
      .where('setting_id', '=', device.settingId)
      .where('id', '=', photo.id)
      .execute()
    await appendServerAudit(trx, {
      settingId: device.settingId,
      at: now,
      deviceId: device.id,
      staffId: null,
      type: 'photo-stored',
      details: { photoId: photo.id, checksum: photo.checksum, bytes: photo.bytes },
    })
  })
  return {
    status: 200,
    body: { ok: true, received: photo.bytes, complete: true, checksum: photo.checksum },
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
