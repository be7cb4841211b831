/**
 * Small photos go to the server several to a request (protocol/photoBatch.ts): the tablet's
 * fetch, the server's device check, its commit and its flushes are paid once per batch. A
 * photo bigger than one chunk goes on its own, in chunks, and so does a lone photo.
 *
 * Invariants:
 * - Each photo is acknowledged on its own, by the same rules as a one-photo upload: only a
 *   `complete` answer with the photo's own checksum lets the tablet drop its full image.
 * - A batch the server refuses whole (it could not read it) loses nothing: its photos are
 *   sent again one by one through `alone`.
 * - A batch that gets no answer (offline, a failing store) acknowledges none of its photos;
 *   they stay waiting for the next round.
 */
import type { ConsentLensDb, PhotoMeta } from '../db/index.ts'
import { MAX_BATCH_PHOTOS, MAX_CHUNK_BYTES, type PhotoBatchResult } from '../protocol/index.ts'
import { thumbnailFinal, UNCONFIRMED, type PhotoOutcome } from './photoOutcome.ts'
import type { BatchUpload, SyncApi } from './syncApi.ts'

/**
 * Images of one batch add up to at most this (about a second on a slow link). With every
 * thumbnail at its largest, a batch still fits the server's MAX_BATCH_PARTS_BYTES.
 */
export const BATCH_IMAGE_BYTES = 2560 * 1024

/**
 * At most this many photos in one batch. Measured in the sync benchmark on 2 busy cores: 8
 * photos a request against 4 took the server ~13% less CPU for 200 photos (fewer requests,
 * commits and flushes of the log) and the round ~15% less time.
 */
export const BATCH_PHOTOS = MAX_BATCH_PHOTOS

/** Refusals of a whole batch (the server could not read it): its photos go one by one. */
const REFUSED_WHOLE = new Set([400, 404, 413, 415])

/** The next photos to send together, taken from the front of `queue`; [] when it is empty. */
export function takeBatch(queue: PhotoMeta[], chunkBytes: number): PhotoMeta[] {
  const fits = (photo: PhotoMeta) => photo.bytes <= Math.min(chunkBytes, MAX_CHUNK_BYTES)
  const first = queue.shift()
  if (first === undefined) return []
  const batch = [first]
  let bytes = first.bytes
  for (let next = queue[0]; next !== undefined; next = queue[0]) {
    if (!fits(first) || !fits(next) || batch.length >= BATCH_PHOTOS) break
    if (bytes + next.bytes > BATCH_IMAGE_BYTES) break
    batch.push(next)
    bytes += next.bytes
    queue.shift()
  }
  return batch
}

interface Sending {
  photo: PhotoMeta
  upload: BatchUpload
}

export async function uploadBatch(
  db: ConsentLensDb,
  api: SyncApi,
  photos: PhotoMeta[],
  alone: (photo: PhotoMeta) => Promise<PhotoOutcome>,
): Promise<PhotoOutcome[]> {
  const images = await db.photoImages.bulkGet(photos.map((p) => p.id))
  const sending: Sending[] = []
  photos.forEach((photo, i) => {
    const image = images[i]
    if (image?.full == null) return
    const thumbnail =
      photo.thumbnailUploaded === true || photo.deleted !== null ? undefined : image.thumbnail
    sending.push({
      photo,
      upload: { photoId: photo.id, image: image.full, ...(thumbnail ? { thumbnail } : {}) },
    })
  })
  const skipped = Array<PhotoOutcome>(photos.length - sending.length).fill('skipped')
  if (sending.length === 0) return skipped
  const answer = await api.uploadBatch(sending.map((s) => s.upload))
  if (!answer.ok) {
    if (!REFUSED_WHOLE.has(answer.error.status ?? 0)) return [...skipped, answer.error]
    const outcomes = [...skipped]
    for (const { photo } of sending) outcomes.push(await alone(photo))
    return outcomes
  }
  const results = new Map(answer.value.results.map((r) => [r.photoId, r]))
  return [...skipped, ...sending.map((s) => outcomeOf(s, results.get(s.photo.id)))]
}

function outcomeOf(sent: Sending, result: PhotoBatchResult | undefined): PhotoOutcome {
  if (result === undefined) return UNCONFIRMED
  if (!result.ok) return { ...result.error, status: result.status }
  if (!result.complete || result.checksum !== sent.photo.checksum) return UNCONFIRMED
  const acknowledged = { id: sent.photo.id, checksum: sent.photo.checksum }
  if (sent.upload.thumbnail === undefined) return acknowledged
  // No word on it (an image held already from an earlier upload): left to uploadThumbnails.ts.
  const thumbnailDone = result.thumbnail !== undefined && thumbnailFinal(result.thumbnail)
  return { ...acknowledged, thumbnailDone }
}
