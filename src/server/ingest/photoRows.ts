/**
 * Reading and writing the server's photo rows and the `photoStatus` record devices pull.
 *
 * Invariant: whenever a photo's quarantine, removal flags or erasure change, a new
 * `photoStatus` is written (with a new sequence number), so every device hears of it on its
 * next pull.
 */
import { PostgresAdapter, sql, type Kysely, type Selectable } from 'kysely'
import { z } from 'zod'
import {
  PhotoMetaWireSchema,
  RemovalFlagWireSchema,
  type PhotoMetaWire,
  type PhotoStatusWire,
  type Purpose,
  type RemovalFlagWire,
} from '../../protocol/index.ts'
import { putEntities, putEntity } from '../storage/entities.ts'
import { byIdBytes } from '../storage/lockOrder.ts'
import type { Database, PhotosTable } from '../storage/schema.ts'

export type PhotoRow = Selectable<PhotosTable>

export function metaOf(row: PhotoRow): PhotoMetaWire {
  return PhotoMetaWireSchema.parse(JSON.parse(row.meta))
}

export function flagsOf(row: PhotoRow): RemovalFlagWire[] {
  return RemovalFlagWireSchema.array().parse(JSON.parse(row.flags))
}

export function statusOf(row: PhotoRow): PhotoStatusWire {
  return {
    id: row.id,
    stored: row.stored_at !== null,
    quarantine:
      row.quarantined_at === null
        ? null
        : {
            at: row.quarantined_at,
            rules: JSON.parse(row.quarantine_rules ?? '[]') as string[],
            message: row.quarantine_message ?? '',
          },
    flaggedForRemoval: flagsOf(row),
    erased:
      row.erased_at === null
        ? null
        : { at: row.erased_at, by: row.erased_by ?? 'server', reason: row.erased_reason ?? '' },
    ...(row.removed_child_ids === null
      ? {}
      : { removedChildIds: z.array(z.string()).parse(JSON.parse(row.removed_child_ids)) }),
  }
}

export async function getPhotoRow(
  db: Kysely<Database>,
  settingId: string,
  photoId: string,
): Promise<PhotoRow | undefined> {
  return db
    .selectFrom('photos')
    .selectAll()
    .where('setting_id', '=', settingId)
    .where('id', '=', photoId)
    .executeTakeFirst()
}

/** The setting's photos joined to their children: a row for each photo and child. */
function photosWithChildren(db: Kysely<Database>, settingId: string) {
  return db
    .selectFrom('photos')
    .innerJoin('photo_children', (join) =>
      join
        .onRef('photo_children.photo_id', '=', 'photos.id')
        .onRef('photo_children.setting_id', '=', 'photos.setting_id'),
    )
    .selectAll('photos')
    .where('photos.setting_id', '=', settingId)
}

/** Photos of one child in one setting. */
export async function photosOfChild(
  db: Kysely<Database>,
  settingId: string,
  childId: string,
): Promise<PhotoRow[]> {
  return photosWithChildren(db, settingId).where('photo_children.child_id', '=', childId).execute()
}

/** Photos of each of these children in one setting, by child (a statement per 500). */
export async function photosOfChildren(
  db: Kysely<Database>,
  settingId: string,
  childIds: readonly string[],
): Promise<Map<string, PhotoRow[]>> {
  const byChild = new Map<string, PhotoRow[]>()
  for (let i = 0; i < childIds.length; i += UPDATE_IDS) {
    const rows = await photosWithChildren(db, settingId)
      .select('photo_children.child_id as review_child_id')
      .where('photo_children.child_id', 'in', childIds.slice(i, i + UPDATE_IDS))
      .execute()
    for (const { review_child_id: childId, ...row } of rows) {
      const list = byChild.get(childId) ?? []
      list.push(row)
      byChild.set(childId, list)
    }
  }
  return byChild
}

/**
 * Saves a change to a photo's row (its quarantine, flags, erasure, children) and tells devices
 * the status that follows from it.
 */
export async function updatePhotoStatus(
  db: Kysely<Database>,
  row: PhotoRow,
  change: PhotoRowChange,
  now: string,
): Promise<void> {
  const next = { ...row, ...change }
  await db
    .updateTable('photos')
    .set(change)
    .where('setting_id', '=', row.setting_id)
    .where('id', '=', row.id)
    .execute()
  await putEntity(db, row.setting_id, 'photoStatus', row.id, statusOf(next), now)
}

export type PhotoRowChange = Partial<Omit<PhotoRow, 'setting_id' | 'id'>>

/**
 * `updatePhotoStatus` for many photos of one setting at once: rows given the same change are
 * updated by one statement, and their statuses written in one go (putEntities), so a
 * withdrawal that flags a child's hundred photos costs a few statements, not three hundred.
 */
export async function updatePhotoStatuses(
  db: Kysely<Database>,
  settingId: string,
  updates: readonly { row: PhotoRow; change: PhotoRowChange }[],
  now: string,
): Promise<void> {
  await lockInIdOrder(
    db,
    settingId,
    updates.map(({ row }) => row.id),
  )
  const alike = new Map<string, { change: PhotoRowChange; ids: string[] }>()
  for (const { row, change } of updates) {
    const key = JSON.stringify(change)
    const group = alike.get(key) ?? { change, ids: [] }
    group.ids.push(row.id)
    alike.set(key, group)
  }
  for (const { change, ids } of alike.values()) {
    for (let i = 0; i < ids.length; i += UPDATE_IDS) {
      await db
        .updateTable('photos')
        .set(change)
        .where('setting_id', '=', settingId)
        .where('id', 'in', ids.slice(i, i + UPDATE_IDS))
        .execute()
    }
  }
  const statuses = updates.map(({ row, change }) => ({
    id: row.id,
    payload: statusOf({ ...row, ...change }),
  }))
  await putEntities(db, settingId, 'photoStatus', statuses, now)
}

/** Photo ids named in one UPDATE. */
const UPDATE_IDS = 500

/**
 * PostgreSQL: locks the photos `ids` in the order of their ids' bytes (storage/lockOrder.ts),
 * the order in which the group commit writes uploaded photos too, so a review and a batch of uploads
 * never each hold a row the other waits for. They did (decision 0034), and PostgreSQL breaks
 * such a deadlock only after `deadlock_timeout` (1 s): a withdrawal reached the other tablets
 * one or two seconds late in a burst (decision 0036). SQLite has one writer at a time.
 */
async function lockInIdOrder(
  db: Kysely<Database>,
  settingId: string,
  ids: readonly string[],
): Promise<void> {
  if (ids.length === 0 || !(db.getExecutor().adapter instanceof PostgresAdapter)) return
  const ordered = [...new Set(ids)].sort(byIdBytes)
  for (let i = 0; i < ordered.length; i += UPDATE_IDS) {
    await db
      .selectFrom('photos')
      .select('id')
      .where('setting_id', '=', settingId)
      .where('id', 'in', ordered.slice(i, i + UPDATE_IDS))
      .orderBy(sql`id collate "C"`)
      .forUpdate()
      .execute()
  }
}

/** Adds a flag unless one for the same child and purposes is there already. */
export function withFlag(flags: RemovalFlagWire[], flag: RemovalFlagWire): RemovalFlagWire[] {
  const key = (f: RemovalFlagWire) => `${f.childId}|${[...f.purposes].sort().join(',')}`
  return flags.some((f) => key(f) === key(flag)) ? flags : [...flags, flag]
}

/**
 * `flags` with a flag for each withdrawal of `childId` whose purpose the photo was taken for;
 * the same array when that adds nothing.
 */
export function withWithdrawalFlags(
  flags: RemovalFlagWire[],
  childId: string,
  purposes: readonly Purpose[],
  withdrawals: readonly { purpose: Purpose; recordedAt: string }[],
): RemovalFlagWire[] {
  let after = flags
  for (const withdrawal of withdrawals) {
    if (!purposes.includes(withdrawal.purpose)) continue
    after = withFlag(after, { at: withdrawal.recordedAt, childId, purposes: [withdrawal.purpose] })
  }
  return after
}
