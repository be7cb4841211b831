/**
 * A photo's thumbnail, from the tablet that took it, for the setting's photo library. The
 * tablet already makes a 320 px JPEG (a fresh encode, no metadata) in its capture pipeline; the
 * server has no image codec, and decoding a 2048 px photo to make one would cost the server
 * more than the tablet's upload of ~20 kB. So the tablet sends it, after the photo's details.
 *
 * This module holds what decides and writes it, as data a transaction on either thread can run
 * (writes.ts); receiveThumbnail.ts takes the request.
 *
 * Invariants:
 * - Only for a photo of the device's own setting, and only from the device that took it.
 * - Only a JPEG (FF D8 FF) of at most MAX_THUMBNAIL_BYTES; its SHA-256 recorded with it.
 * - Kept in the database (photo_thumbnails, migration 0012), written in the same commit as the
 *   photo's thumbnail checksum: answered "stored" only once that commit is on disk. Not a file
 *   in the photo store: two more disk flushes per photo, for ~20 kB (0012 says more).
 * - Set once: the same bytes again are "stored"; different bytes are a conflict.
 * - Sent with the image's last chunk, its write joins the transaction that records the image
 *   as stored (receiveChunk.ts): one commit for both, and every check above made in it.
 */
import { createHash } from 'node:crypto'
import { apiError, MAX_THUMBNAIL_BYTES, type ApiErrorBody } from '../../protocol/index.ts'
import type { AuthenticatedDevice } from '../auth/deviceAuth.ts'
import type { ExpressionBuilder, Transaction } from 'kysely'
import type { Database, PhotosTable } from '../storage/schema.ts'

export type ThumbnailAnswer =
  | { status: 200; body: { ok: true; checksum: string } }
  | { status: 400 | 403 | 409 | 410; body: ApiErrorBody }

function isJpeg(bytes: Uint8Array): boolean {
  return bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff
}

/**
 * A thumbnail's write, as data (it may be written on the write thread: writes.ts): the photo
 * it is for, the device that sent it, and the bytes as they are stored.
 */
export interface ThumbnailJob {
  settingId: string
  deviceId: string
  photoId: string
  checksum: string
  bytes: number
  jpegBase64: string
}

/**
 * Checks what can be checked without the database (size, JPEG) and gives the write that
 * `writeThumbnail` checks against the photo's row as it is in the transaction.
 */
export function thumbnailWrite(
  device: AuthenticatedDevice,
  photoId: string,
  bytes: Uint8Array,
): { refused: ThumbnailAnswer } | { checksum: string; job: ThumbnailJob } {
  if (bytes.byteLength > MAX_THUMBNAIL_BYTES || !isJpeg(bytes)) {
    const message = `A thumbnail is a JPEG of at most ${MAX_THUMBNAIL_BYTES / 1024} kB.`
    return { refused: { status: 400, body: apiError('bad_request', message) } }
  }
  const checksum = createHash('sha256').update(bytes).digest('hex')
  const job: ThumbnailJob = {
    settingId: device.settingId,
    deviceId: device.id,
    photoId,
    checksum,
    bytes: bytes.byteLength,
    jpegBase64: Buffer.from(bytes).toString('base64'),
  }
  return { checksum, job }
}

/** The columns of a photo's row, as a write left them, that its thumbnail's answer is read from. */
export const THUMBNAIL_STATE = ['device_id', 'erased_at', 'thumbnail_checksum'] as const
export type ThumbnailState = Pick<PhotosTable, (typeof THUMBNAIL_STATE)[number]>

/**
 * The thumbnail columns of an UPDATE of the photo's row: the job's if the row, as it is when
 * the update takes its lock, takes a thumbnail (the job's device's photo, not erased, no
 * thumbnail yet), else what they were. Decided in the statement that writes them, so no read
 * before it can be out of date, and `thumbnailAnswerOf` reads the outcome from the row it
 * returns: one statement where a read and an update were two.
 */
export function thumbnailColumns(eb: ExpressionBuilder<Database, 'photos'>, job: ThumbnailJob) {
  const takes = eb.and([
    eb('device_id', '=', job.deviceId),
    eb('erased_at', 'is', null),
    eb('thumbnail_checksum', 'is', null),
  ])
  return {
    thumbnail_checksum: eb
      .case()
      .when(takes)
      .then(job.checksum)
      .else(eb.ref('thumbnail_checksum'))
      .end(),
    thumbnail_bytes: eb.case().when(takes).then(job.bytes).else(eb.ref('thumbnail_bytes')).end(),
  }
}

/**
 * The answer for `job` from the photo's row as the update of `thumbnailColumns` left it
 * (undefined: no such photo). 200 means the row names the job's thumbnail, set now or by an
 * earlier request with the same bytes: its `photo_thumbnails` row is then to be written.
 */
export function thumbnailAnswerOf(
  row: ThumbnailState | undefined,
  job: ThumbnailJob,
): ThumbnailAnswer {
  if (row === undefined) return unknown()
  if (row.erased_at !== null) return erased()
  if (row.device_id !== job.deviceId) return forbidden()
  if (row.thumbnail_checksum === null) throw new Error('a thumbnail update left none')
  return sameOrConflict(row.thumbnail_checksum, job.checksum)
}

/** Stores the thumbnail in `trx` if the photo's row, as the update finds it, takes it. */
export async function writeThumbnail(
  trx: Transaction<Database>,
  job: ThumbnailJob,
): Promise<ThumbnailAnswer> {
  // Decided in the transaction: another request for the photo, or its erasure, may have
  // committed since any read before it.
  const row = await trx
    .updateTable('photos')
    .set((eb) => thumbnailColumns(eb, job))
    .where('setting_id', '=', job.settingId)
    .where('id', '=', job.photoId)
    .returning(THUMBNAIL_STATE)
    .executeTakeFirst()
  return thumbnailRowFor(trx, job, row)
}

/**
 * The answer for `job` given the row its update returned; with a 200, its bytes' row written
 * (already there if the same bytes came before).
 */
export async function thumbnailRowFor(
  trx: Transaction<Database>,
  job: ThumbnailJob,
  row: ThumbnailState | undefined,
): Promise<ThumbnailAnswer> {
  const answer = thumbnailAnswerOf(row, job)
  if (answer.status !== 200) return answer
  await trx
    .insertInto('photo_thumbnails')
    .values({ setting_id: job.settingId, photo_id: job.photoId, jpeg_base64: job.jpegBase64 })
    .onConflict((oc) => oc.columns(['setting_id', 'photo_id']).doNothing())
    .execute()
  return answer
}

export function unknown(): ThumbnailAnswer {
  const message = 'The server does not know this photo yet. Its details are sent first.'
  return { status: 409, body: apiError('photo_unknown', message) }
}

export function forbidden(): ThumbnailAnswer {
  const message = 'Only the tablet that took a photo sends its thumbnail.'
  return { status: 403, body: apiError('forbidden', message) }
}

export function erased(): ThumbnailAnswer {
  const message = 'This photo was erased on the server: it takes no image of it any more.'
  return { status: 410, body: apiError('photo_erased', message) }
}

export function sameOrConflict(held: string, sent: string): ThumbnailAnswer {
  if (held === sent) return { status: 200, body: { ok: true, checksum: sent } }
  const message = 'The server already has another thumbnail for this photo.'
  return { status: 409, body: apiError('conflict', message) }
}
