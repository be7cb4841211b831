/**
 * Erasure: a photo's image and thumbnail leave the server's store for good, and every
 * tablet hears of it and deletes its own copies. The photo's row stays as a tombstone: why, when,
 * by whom and what erased it, so the audit trail and the removal list still make sense.
 *
 * Two steps, because a database transaction cannot take back a deleted file:
 * 1. `eraseInTransaction`, in the caller's transaction: the tombstone, a new `photoStatus` (so
 *    every tablet pulls `erased`) and the audit line `photo-erased`. From then on nothing serves
 *    the photo's bytes (the library answers 410) and no upload of them is taken.
 * 2. `removeErasedBytes`, after the commit: deletes the files of every tombstone whose bytes are
 *    still there and notes when. Run after each erasure and by the daily job, so a server that
 *    stopped between the two steps finishes the work later.
 *
 * Invariants:
 * - A tombstone is never lifted: erasing an erased photo changes nothing, and a tablet that
 *   pushes the photo again cannot bring it back.
 * - The store is content-addressed: an image is deleted only when no photo that is not erased
 *   still names the same checksum.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../storage/schema.ts'
import { metaOf, updatePhotoStatus, type PhotoRow } from '../ingest/photoRows.ts'
import { appendServerAudit } from '../serverAudit.ts'
import { isoNow, type SyncServices } from '../services.ts'

export const ERASURE_CAUSES = [
  'tablet-deleted',
  'withdrawal',
  'quarantine',
  'retention',
  'subject-erasure',
] as const
export type ErasureCause = (typeof ERASURE_CAUSES)[number]

export interface Erasure {
  cause: ErasureCause
  /** In the words of the person (or the schedule) that erased it. */
  reason: string
  /** Who erased it; null: the server itself (the retention schedule). */
  staffId: string | null
  deviceId: string | null
}

/** Step 1: the tombstone, the status tablets pull and the audit line. False if already erased. */
export async function eraseInTransaction(
  trx: Kysely<Database>,
  row: PhotoRow,
  erasure: Erasure,
  now: string,
): Promise<boolean> {
  if (row.erased_at !== null) return false
  const meta = metaOf(row)
  const by = erasure.staffId ?? 'server'
  const deleted = meta.deleted ?? { at: now, by, reason: erasure.reason }
  const change = {
    erased_at: now,
    erased_by: by,
    erased_reason: erasure.reason,
    erased_cause: erasure.cause,
    meta: JSON.stringify({ ...meta, deleted }),
  }
  await updatePhotoStatus(trx, row, change, now)
  await appendServerAudit(trx, {
    settingId: row.setting_id,
    at: now,
    deviceId: erasure.deviceId,
    staffId: erasure.staffId,
    type: 'photo-erased',
    details: {
      photoId: row.id,
      cause: erasure.cause,
      reason: erasure.reason,
      childIds: meta.childIds,
      purposes: meta.purposes,
      takenAt: row.taken_at,
    },
  })
  return true
}

/** Erases one photo now: both steps. False if it was erased already. */
export async function erasePhoto(
  services: SyncServices,
  row: PhotoRow,
  erasure: Erasure,
  now: string,
): Promise<boolean> {
  const erased = await services.db
    .transaction()
    .execute((trx) => eraseInTransaction(trx, row, erasure, now))
  await removeErasedBytes(services)
  return erased
}

/**
 * Step 2: deletes the bytes of every tombstone whose bytes are still held (its image and an
 * older thumbnail's files, its thumbnail row); how many photos.
 */
export async function removeErasedBytes(services: SyncServices): Promise<number> {
  const { db, photos } = services
  const pending = await db
    .selectFrom('photos')
    .select(['setting_id', 'id', 'device_id', 'checksum', 'thumbnail_checksum'])
    .where('erased_at', 'is not', null)
    .where('bytes_removed_at', 'is', null)
    .execute()
  for (const row of pending) {
    for (const checksum of [row.checksum, row.thumbnail_checksum]) {
      if (checksum !== null && !(await stillNamed(db, checksum))) await photos.remove(checksum)
    }
    await photos.discard({ owner: row.device_id, name: `${row.setting_id}/${row.id}` })
    await db
      .deleteFrom('photo_thumbnails')
      .where('setting_id', '=', row.setting_id)
      .where('photo_id', '=', row.id)
      .execute()
    await db
      .updateTable('photos')
      .set({ bytes_removed_at: isoNow(services), stored_at: null })
      .where('setting_id', '=', row.setting_id)
      .where('id', '=', row.id)
      .execute()
  }
  return pending.length
}

/** Whether a photo that is not erased still names this image (as its image or thumbnail). */
async function stillNamed(db: Kysely<Database>, checksum: string): Promise<boolean> {
  const row = await db
    .selectFrom('photos')
    .select('id')
    .where('erased_at', 'is', null)
    .where((eb) => eb.or([eb('checksum', '=', checksum), eb('thumbnail_checksum', '=', checksum)]))
    .executeTakeFirst()
  return row !== undefined
}
