/**
 * Sends the full image of every photo the server does not hold yet, in chunks, resuming where
 * the server says it has got to. Only the server's acknowledgement (SHA-256 verified, same
 * checksum as ours) lets the device delete its full image; the thumbnail stays.
 *
 * Invariants:
 * - A photo whose details are still in the outbox is not uploaded yet (the server must know
 *   the photo, and its checksum, before it takes the image). With a gate from the round's
 *   push (detailsGate.ts), it is uploaded as soon as the push's answer names its details.
 * - The full image is deleted in the same transaction that marks the photo sent, and only if
 *   the photo still has the checksum the server confirmed.
 * - Acknowledged photos are marked sent in batches (one transaction for up to RELEASE_BATCH),
 *   and whatever was acknowledged is marked before the round ends, even a round cut short.
 *   A photo acknowledged but not yet marked (the app closed in between) is simply offered
 *   again: the server already holds it and answers "complete" at once, so it is one photo.
 * - Photos of at most one chunk go several to a request (photoBatches.ts): the per-request
 *   costs on both sides are shared; each photo is still acknowledged on its own.
 * - The photo's thumbnail (for the library) goes in the same request as the image's last
 *   chunk, so most photos are one request; the server takes it only once the image is held.
 *   If that answer says nothing of it (the image was complete already), the same worker sends
 *   it on its own. One the server took or will never take is marked in the same release as
 *   the image; anything else about a thumbnail is left to uploadThumbnails.ts.
 * - A server whose photo storage is full or failing (507, 503) keeps nothing of the photo: the
 *   device keeps its image, sends no more photos this round (they would meet the same disk),
 *   reports the server's words, and the round goes on (consent changes still come down).
 */
import type { ConsentLensDb, PhotoMeta } from '../db/index.ts'
import { DEFAULT_CHUNK_BYTES, type UploadResponse } from '../protocol/index.ts'
import { detailsGate, type DetailsGate } from './detailsGate.ts'
import { takeBatch, uploadBatch } from './photoBatches.ts'
import {
  thumbnailFinal,
  UNCONFIRMED,
  type Acknowledged,
  type PhotoOutcome,
} from './photoOutcome.ts'
import type { SyncApi, SyncError } from './syncApi.ts'

export { THUMBNAIL_FINAL } from './photoOutcome.ts'

export type UploadOutcome =
  { ok: true; value: { sent: number; problems: SyncError[] } } | { ok: false; error: SyncError }

/** Errors about one photo: the others are still sent. Anything else stops the round. */
const PHOTO_ERRORS = new Set([
  'photo_unknown',
  'checksum_mismatch',
  'bad_request',
  'upload_unconfirmed',
  // Erased on the server meanwhile: the next pull deletes this tablet's copy.
  'photo_erased',
])

/** The server's stores cannot take images now: try again later, keep every copy. */
const STORE_UNAVAILABLE = new Set([503, 507])

/**
 * Photos this device still has to send. One `equals` query per state, side by side: each is a
 * single IndexedDB getAll, where `anyOf` walks a cursor with a round trip per step (63 ms
 * against 3 ms for 200 waiting photos on fake-indexeddb).
 */
export async function waitingPhotos(db: ConsentLensDb): Promise<PhotoMeta[]> {
  const states = ['waiting', 'uploading'] as const
  const perState = await Promise.all(
    states.map((state) => db.photos.where('syncState').equals(state).toArray()),
  )
  return perState.flat()
}

/**
 * Three requests in flight (a photo, or a batch of small ones: photoBatches.ts): while the
 * server flushes one to disk, the next arrives and a third is read from (or marked sent in)
 * IndexedDB. Measured in the sync benchmark: 2 left the server waiting on the device; browsers
 * allow 6 connections to one server, so 3 leaves room for a push or pull alongside.
 */
export const UPLOADS_IN_FLIGHT = 3

/** One transaction marks this many acknowledged photos sent: fewer, not slower, commits. */
export const RELEASE_BATCH = 20

export async function uploadPhotos(
  db: ConsentLensDb,
  api: SyncApi,
  chunkBytes = DEFAULT_CHUNK_BYTES,
  inFlight = UPLOADS_IN_FLIGHT,
  /** Photos whose details a push running alongside has yet to deliver; none by default. */
  gate?: DetailsGate,
): Promise<UploadOutcome> {
  const details = gate ?? (await endedGate(db))
  // A photo saved after the gate was read has its details in the outbox, unknown to the gate:
  // sent now, its image would reach a server that does not know it yet. It goes next round.
  // One read of both, so no save falls between them. A photo the gate knows is kept whether or
  // not its answer came already: the answer releases it before its entries leave the outbox
  // (pushOutbox.ts), so this read may still find them.
  const waiting = await db.transaction('r', [db.photos, db.outbox], async () => {
    const photos = await waitingPhotos(db)
    const entries = await db.outbox.where('kind').equals('photo').toArray()
    const detailsUnsent = new Set(entries.map((e) => e.entityId))
    return photos.filter((photo) => details.knows(photo.id) || !detailsUnsent.has(photo.id))
  })
  const queue = waiting.filter((photo) => !details.pending(photo.id))
  let held = waiting.filter((photo) => details.pending(photo.id))
  /** Photos whose details were answered since: their uploads may start. */
  function admit(): void {
    queue.push(...held.filter((photo) => !details.pending(photo.id)))
    held = held.filter((photo) => details.pending(photo.id))
  }
  let sent = 0
  const problems: SyncError[] = []
  const halt: { error: SyncError | null; storeFull: boolean } = { error: null, storeFull: false }
  const acknowledged: Acknowledged[] = []
  async function settle(outcome: PhotoOutcome): Promise<void> {
    if (typeof outcome !== 'string' && 'checksum' in outcome) {
      sent += 1
      acknowledged.push(outcome)
      if (acknowledged.length >= RELEASE_BATCH) await release(db, acknowledged.splice(0))
    } else if (outcome === 'skipped') return
    else if (STORE_UNAVAILABLE.has(outcome.status ?? 0)) {
      // Several photos in flight may meet the full store at once: say it once.
      if (!problems.some((p) => STORE_UNAVAILABLE.has(p.status ?? 0))) problems.push(outcome)
      halt.storeFull = true
    } else if (PHOTO_ERRORS.has(outcome.code)) problems.push(outcome)
    else halt.error = outcome
  }
  const alone = (photo: PhotoMeta) => uploadImage(db, api, photo, chunkBytes)
  /** The next photos to send; [] once none are left and none can come. */
  async function nextPhotos(): Promise<PhotoMeta[]> {
    for (;;) {
      if (queue.length === 0) admit()
      if (queue.length > 0 || details.ended || held.length === 0)
        return takeBatch(queue, chunkBytes)
      await details.changed()
    }
  }
  async function worker(): Promise<void> {
    for (
      let photos = await nextPhotos();
      photos.length > 0 && halt.error === null && !halt.storeFull;
      photos = await nextPhotos()
    ) {
      const [only] = photos
      const outcomes =
        photos.length === 1 && only !== undefined
          ? [await alone(only)]
          : await uploadBatch(db, api, photos, alone)
      for (const outcome of outcomes) await settle(outcome)
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, inFlight) }, worker))
  await release(db, acknowledged.splice(0))
  return halt.error === null
    ? { ok: true, value: { sent, problems } }
    : { ok: false, error: halt.error }
}

/** The photos whose details are in the outbox now, with no push to deliver them. */
async function endedGate(db: ConsentLensDb): Promise<DetailsGate> {
  const gate = await detailsGate(db)
  gate.end()
  return gate
}

/** The server holds these images (SHA-256 verified): mark them sent and let the full images go. */
async function release(db: ConsentLensDb, batch: Acknowledged[]): Promise<void> {
  if (batch.length === 0) return
  await db.transaction('rw', [db.photos, db.photoImages], async () => {
    const current = await db.photos.bulkGet(batch.map((a) => a.id))
    const confirmed = batch.filter((a, i) => current[i]?.checksum === a.checksum).map((a) => a.id)
    await db.photos.bulkUpdate(confirmed.map((key) => ({ key, changes: { syncState: 'sent' } })))
    await db.photoImages.bulkUpdate(confirmed.map((key) => ({ key, changes: { full: null } })))
    const thumbnails = batch.filter((a) => a.thumbnailDone === true).map((a) => a.id)
    await db.photos.bulkUpdate(
      thumbnails.map((key) => ({ key, changes: { thumbnailUploaded: true as const } })),
    )
  })
}

/** Uploads one photo's full image (and its thumbnail); the server's acknowledgement, or why not. */
async function uploadImage(
  db: ConsentLensDb,
  api: SyncApi,
  photo: PhotoMeta,
  chunkBytes: number,
): Promise<PhotoOutcome> {
  const image = await db.photoImages.get(photo.id)
  if (image?.full == null) return 'skipped'
  const thumbnail =
    photo.thumbnailUploaded === true || photo.deleted !== null ? undefined : image.thumbnail
  const result = await uploadOne(api, photo, image.full, chunkBytes, thumbnail)
  if (!result.ok) return result.error
  if (thumbnail === undefined) return { id: photo.id, checksum: result.checksum }
  // Sent with the image's last chunk; on its own if that answer did not say (the image was
  // completed by an earlier request).
  const answer = result.thumbnail ?? (await api.uploadThumbnail(photo.id, thumbnail))
  return { id: photo.id, checksum: result.checksum, thumbnailDone: thumbnailFinal(answer) }
}

type ThumbnailAnswer = UploadResponse['thumbnail']

async function uploadOne(
  api: SyncApi,
  photo: PhotoMeta,
  full: Blob,
  chunkBytes: number,
  thumbnail: Blob | undefined,
): Promise<
  { ok: true; checksum: string; thumbnail: ThumbnailAnswer } | { ok: false; error: SyncError }
> {
  let offset = 0
  // Each pass sends one chunk or learns where to resume; a bound keeps a confused server from
  // holding the device in a loop.
  for (let pass = 0; pass < Math.ceil(full.size / chunkBytes) * 2 + 4; pass++) {
    // A slice of the stored Blob, not a copy of its bytes: fetch sends it as it reads it.
    const end = Math.min(full.size, offset + chunkBytes)
    const chunk = full.slice(offset, end)
    // The thumbnail rides with the chunk that ends the image: one request for most photos.
    const answer = await api.uploadChunk(
      photo.id,
      offset,
      chunk,
      end === full.size ? thumbnail : undefined,
    )
    if (!answer.ok) {
      if (answer.error.code !== 'offset_mismatch' || answer.error.received === undefined)
        return answer
      offset = answer.error.received
      continue
    }
    if (answer.value.complete) {
      if (answer.value.checksum !== photo.checksum) break
      return { ok: true, checksum: photo.checksum, thumbnail: answer.value.thumbnail }
    }
    offset = answer.value.received
  }
  return { ok: false, error: UNCONFIRMED }
}
