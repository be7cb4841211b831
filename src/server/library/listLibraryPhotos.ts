/**
 * A page of the setting's photos, newest first, filtered by day, room, child and purpose and
 * limited to what the person may see. Pages by keyset on (taken_at, id), which the index
 * `photos_setting_taken` serves, so the first page of a setting with 20,000 photos reads about
 * a page of rows, not the setting.
 *
 * Invariants:
 * - Always scoped by the device's setting, and by the person's scope (libraryScope.ts).
 * - A room is its children: a photo is in a room when one of its children is in it now.
 * - The day is the server's local day (TZ), as in the daily audit; tablets send times in UTC
 *   (toISOString), which is what the bounds compare with.
 */
import type { ExpressionBuilder, Kysely } from 'kysely'
import type { LibraryQuery } from '../../protocol/index.ts'
import { localDayBounds } from '../audit/serverAuditDay.ts'
import type { PhotoRow } from '../ingest/photoRows.ts'
import type { Database } from '../storage/schema.ts'
import type { LibraryScope } from './libraryScope.ts'

export interface PageOfRows {
  rows: PhotoRow[]
  next: string | null
}

type Eb = ExpressionBuilder<Database, 'photos'>

function hasChildIn(eb: Eb, childIds: readonly string[]) {
  return eb.exists(
    eb
      .selectFrom('photo_children')
      .select('photo_children.child_id')
      .whereRef('photo_children.setting_id', '=', 'photos.setting_id')
      .whereRef('photo_children.photo_id', '=', 'photos.id')
      .where('photo_children.child_id', 'in', childIds),
  )
}

/** The cursor is the last row's time and id; anything else is no cursor at all. */
export function parseCursor(cursor: string): { takenAt: string; id: string } | null {
  const at = cursor.indexOf('~')
  if (at <= 0) return null
  return { takenAt: cursor.slice(0, at), id: cursor.slice(at + 1) }
}

export async function listLibraryPhotos(
  db: Kysely<Database>,
  settingId: string,
  scope: LibraryScope,
  query: LibraryQuery,
  roomChildren: (roomId: string) => string[],
): Promise<PageOfRows> {
  const childSets: (readonly string[])[] = []
  if (scope !== 'all') childSets.push(scope)
  if (query.childId !== undefined) childSets.push([query.childId])
  if (query.roomId !== undefined) childSets.push(roomChildren(query.roomId))
  if (childSets.some((set) => set.length === 0)) return { rows: [], next: null }

  let select = db.selectFrom('photos').selectAll().where('setting_id', '=', settingId)
  for (const set of childSets) select = select.where((eb) => hasChildIn(eb, set))
  if (query.purpose !== undefined) {
    const purpose = query.purpose
    select = select.where((eb) =>
      eb.exists(
        eb
          .selectFrom('photo_purposes')
          .select('photo_purposes.purpose')
          .whereRef('photo_purposes.setting_id', '=', 'photos.setting_id')
          .whereRef('photo_purposes.photo_id', '=', 'photos.id')
          .where('photo_purposes.purpose', '=', purpose),
      ),
    )
  }
  const bounds = query.day === undefined ? null : localDayBounds(query.day)
  if (bounds !== null) {
    select = select
      .where('taken_at', '>=', bounds.from.toISOString())
      .where('taken_at', '<', bounds.until.toISOString())
  }
  const cursor = query.before === undefined ? null : parseCursor(query.before)
  if (cursor !== null) {
    select = select.where((eb) =>
      eb.or([
        eb('taken_at', '<', cursor.takenAt),
        eb.and([eb('taken_at', '=', cursor.takenAt), eb('id', '<', cursor.id)]),
      ]),
    )
  }
  const rows = await select
    .orderBy('taken_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
    .execute()
  const page = rows.slice(0, query.limit)
  const last = page.at(-1)
  const next =
    rows.length > query.limit && last !== undefined ? `${last.taken_at}~${last.id}` : null
  return { rows: page, next }
}
