/**
 * The rows an upload writes once its bytes are on disk, as data: the photo recorded as stored
 * (with its audit event) and its thumbnail. Data, so that they are written where the server's
 * writes are made (writes.ts): on this thread, or on PostgreSQL on the write thread, whose
 * statements do not wait for the turns of the server's busy event loop. On SQLite they join
 * the group commit (storage/groupCommit.ts), on PostgreSQL each photo's are a transaction of
 * their own (writes.ts says why).
 *
 * Invariants: a write is answered only once its transaction committed; a thumbnail sent with
 * the image's last chunk is written in the image's transaction.
 */
import type { Transaction } from 'kysely'
import { appendServerAudit } from '../serverAudit.ts'
import type { Database } from '../storage/schema.ts'
import { writeThumbnail, type ThumbnailAnswer, type ThumbnailJob } from './thumbnailRows.ts'

export type PhotoWrite =
  /** The image is verified and on disk: recorded as stored, with its thumbnail if it came. */
  | {
      kind: 'stored'
      settingId: string
      deviceId: string
      photoId: string
      checksum: string
      bytes: number
      at: string
      thumbnail: ThumbnailJob | null
    }
  /** A thumbnail sent on its own. */
  | { kind: 'thumbnail'; thumbnail: ThumbnailJob }

export function photoOf(write: PhotoWrite): string {
  return write.kind === 'stored' ? write.photoId : write.thumbnail.photoId
}

/** Writes `write` in `trx`; the thumbnail's answer, if one was written. */
export async function writePhotoRows(
  trx: Transaction<Database>,
  write: PhotoWrite,
): Promise<ThumbnailAnswer | null> {
  if (write.kind === 'thumbnail') return writeThumbnail(trx, write.thumbnail)
  await trx
    .updateTable('photos')
    .set({ stored_at: write.at })
    .where('setting_id', '=', write.settingId)
    .where('id', '=', write.photoId)
    .execute()
  await appendServerAudit(trx, {
    settingId: write.settingId,
    at: write.at,
    deviceId: write.deviceId,
    staffId: null,
    type: 'photo-stored',
    details: { photoId: write.photoId, checksum: write.checksum, bytes: write.bytes },
  })
  return write.thumbnail === null ? null : writeThumbnail(trx, write.thumbnail)
}
