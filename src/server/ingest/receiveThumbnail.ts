/**
 * A photo's thumbnail sent on its own (PUT /api/sync/photos/:photoId/thumbnail, and a thumbnail
 * that came with the last chunk of an image the server already held): thumbnailRows.ts says
 * what is taken, and how; here the refusals that need no transaction are answered from a plain
 * read, and the write joins the other writes of the moment (writes.ts).
 */
import type { AuthenticatedDevice } from '../auth/deviceAuth.ts'
import type { SyncServices } from '../services.ts'
import { getPhotoRow } from './photoRows.ts'
import {
  erased,
  forbidden,
  sameOrConflict,
  thumbnailWrite,
  unknown,
  type ThumbnailAnswer,
} from './thumbnailRows.ts'
import { writesOf } from './writes.ts'

export async function receiveThumbnail(
  services: SyncServices,
  device: AuthenticatedDevice,
  photoId: string,
  bytes: Uint8Array,
): Promise<ThumbnailAnswer> {
  // Refusals that need no transaction are answered from a plain read first.
  const photo = await getPhotoRow(services.db, device.settingId, photoId)
  if (photo === undefined) return unknown()
  if (photo.erased_at !== null) return erased()
  if (photo.device_id !== device.id) return forbidden()
  const prepared = thumbnailWrite(device, photoId, bytes)
  if ('refused' in prepared) return prepared.refused
  if (photo.thumbnail_checksum !== null) {
    return sameOrConflict(photo.thumbnail_checksum, prepared.checksum)
  }
  // Joins the other writes of the moment (groupCommit.ts): answered once it is committed.
  const answer = await writesOf(services).writePhoto({ kind: 'thumbnail', thumbnail: prepared.job })
  if (answer === null) throw new Error('the thumbnail’s transaction gave no answer')
  return answer
}
