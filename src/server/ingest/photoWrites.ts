/**
 * The rows an upload writes once its bytes are on disk, as data: the photo recorded as stored
 * (with its audit event) and its thumbnail. Data, so that they are written where the server's
 * writes are made (writes.ts): on this thread, or on PostgreSQL on the write thread, whose
 * statements do not wait for the turns of the server's busy event loop. On SQLite they join
 * the group commit (storage/groupCommit.ts), on PostgreSQL each photo's are a transaction of
 * their own (writes.ts says why), an image's in one statement (`writePhotoStatement`).
 *
 * Invariants: a write is answered only once its transaction committed; a thumbnail sent with
 * the image's last chunk is written in the image's transaction.
 */
import type { ExpressionBuilder, Kysely, QueryCreator, Transaction } from 'kysely'
import { serverAuditRow } from '../serverAudit.ts'
import type { Database } from '../storage/schema.ts'
import {
  THUMBNAIL_STATE,
  thumbnailAnswerOf,
  thumbnailColumns,
  thumbnailRowFor,
  writeThumbnail,
  type ThumbnailAnswer,
  type ThumbnailJob,
} from './thumbnailRows.ts'

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

type StoredWrite = Extract<PhotoWrite, { kind: 'stored' }>

export function photoOf(write: PhotoWrite): string {
  return write.kind === 'stored' ? write.photoId : write.thumbnail.photoId
}

/** Writes `write` in `trx`; the thumbnail's answer, if one was written. */
export async function writePhotoRows(
  trx: Transaction<Database>,
  write: PhotoWrite,
): Promise<ThumbnailAnswer | null> {
  if (write.kind === 'thumbnail') return writeThumbnail(trx, write.thumbnail)
  const row = await storedUpdate(trx, write).executeTakeFirst()
  await trx.insertInto('server_audit').values(storedEvent(write)).execute()
  return write.thumbnail === null ? null : thumbnailRowFor(trx, write.thumbnail, row)
}

/**
 * PostgreSQL: the same rows as `writePhotoRows`, and for an image in one statement, so in one
 * round trip and a transaction of its own: the update, the audit event and the thumbnail's
 * bytes as data-modifying WITH queries. A burst stores hundreds of photos, and each round trip
 * wakes a backend and waits for it on a busy machine (seven per photo before: begin, the
 * update, the audit event, a read, the thumbnail, a second update, commit).
 */
export async function writePhotoStatement(
  db: Kysely<Database>,
  write: PhotoWrite,
): Promise<ThumbnailAnswer | null> {
  if (write.kind === 'thumbnail') {
    const { thumbnail } = write
    return db.transaction().execute((trx) => writeThumbnail(trx, thumbnail))
  }
  const job = write.thumbnail
  const row = await db
    .with('stored', (qb) => storedUpdate(qb, write))
    .with('audit', (qb) => qb.insertInto('server_audit').values(storedEvent(write)))
    .with('thumbnail', (qb) =>
      qb
        .insertInto('photo_thumbnails')
        .columns(['setting_id', 'photo_id', 'jpeg_base64'])
        .expression((eb) =>
          eb
            .selectFrom('stored')
            .select([
              eb.val(write.settingId).as('setting_id'),
              eb.val(write.photoId).as('photo_id'),
              eb.val(job?.jpegBase64 ?? '').as('jpeg_base64'),
            ])
            // The row thumbnailAnswerOf answers 200 for.
            .where((w) =>
              job === null
                ? w.lit(false)
                : w.and([
                    w('device_id', '=', job.deviceId),
                    w('erased_at', 'is', null),
                    w('thumbnail_checksum', '=', job.checksum),
                  ]),
            ),
        )
        .onConflict((oc) => oc.columns(['setting_id', 'photo_id']).doNothing()),
    )
    .selectFrom('stored')
    .select(THUMBNAIL_STATE)
    .executeTakeFirst()
  return job === null ? null : thumbnailAnswerOf(row, job)
}

/**
 * The image's row recorded as stored, with its thumbnail's columns in the same update
 * (thumbnailColumns says how); returns what the thumbnail's answer is read from. One builder for
 * both ways of writing, so both change the same row the same way.
 */
function storedUpdate(db: QueryCreator<Database>, write: StoredWrite) {
  return db
    .updateTable('photos')
    .set((eb) => storedColumns(eb, write))
    .where('setting_id', '=', write.settingId)
    .where('id', '=', write.photoId)
    .returning(THUMBNAIL_STATE)
}

function storedColumns(eb: ExpressionBuilder<Database, 'photos'>, write: StoredWrite) {
  const thumbnail = write.thumbnail === null ? {} : thumbnailColumns(eb, write.thumbnail)
  return { stored_at: write.at, ...thumbnail }
}

function storedEvent(write: StoredWrite) {
  return serverAuditRow({
    settingId: write.settingId,
    at: write.at,
    deviceId: write.deviceId,
    staffId: null,
    type: 'photo-stored',
    details: { photoId: write.photoId, checksum: write.checksum, bytes: write.bytes },
  })
}
