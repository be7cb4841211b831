/**
 * Sends the thumbnail of every photo the server holds, for the setting's photo library: the
 * server has no image codec, and the tablet already made the thumbnail (a fresh 320 px encode,
 * no metadata) when the photo was taken (src/server/ingest/receiveThumbnail.ts says more).
 *
 * Invariants:
 * - Only after the server confirmed the full image (syncState 'sent'), so the photo's details
 *   are there; before the thumbnails are let go (pruneThumbnails runs after this).
 * - A thumbnail the server took, or will never take (not this tablet's, not a JPEG, another
 *   one already there), is marked so and not sent again; anything else is tried next round.
 */
import type { ConsentLensDb } from '../db/index.ts'
import type { SyncApi, SyncError } from './syncApi.ts'

const FINAL = new Set(['photo_unknown', 'forbidden', 'bad_request', 'conflict', 'photo_erased'])

export type ThumbnailOutcome = { ok: true; sent: number } | { ok: false; error: SyncError }

export async function uploadThumbnails(db: ConsentLensDb, api: SyncApi): Promise<ThumbnailOutcome> {
  const pending = await db.photos
    .where('syncState')
    .equals('sent')
    .filter((p) => p.thumbnailUploaded !== true && p.deleted === null)
    .toArray()
  let sent = 0
  for (const photo of pending) {
    const image = await db.photoImages.get(photo.id)
    if (image === undefined) continue
    const answer = await api.uploadThumbnail(photo.id, image.thumbnail)
    if (!answer.ok && !FINAL.has(answer.error.code)) return { ok: false, error: answer.error }
    if (answer.ok) sent += 1
    await db.photos.update(photo.id, { thumbnailUploaded: true })
  }
  return { ok: true, sent }
}
