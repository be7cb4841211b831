/**
 * The setting's synced records (consents, children, staff, …) and their sequence numbers.
 *
 * Invariants:
 * - Every write takes the next sequence number of its setting by incrementing
 *   `settings.last_seq` in the writer's transaction. On PostgreSQL that row stays locked until
 *   commit, so writers of a setting commit in sequence order and a pull never skips a number
 *   that commits later; SQLite has one writer at a time anyway.
 * - Call these inside a transaction (`db.transaction().execute`) when writing.
 */
import type { Kysely } from 'kysely'
import { RESTRICTION_ROWS } from './migrations/0013-restrictions-index.ts'
import type { Database, EntityKind } from './schema.ts'

export type { EntityKind }

export interface EntityRow {
  kind: EntityKind
  id: string
  seq: number
  /** The stored JSON text, validated when it was written. */
  payload: string
}

export async function nextSeq(db: Kysely<Database>, settingId: string): Promise<number> {
  const row = await db
    .updateTable('settings')
    .set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
    .where('id', '=', settingId)
    .returning('last_seq')
    .executeTakeFirstOrThrow()
  return row.last_seq
}

/** Writes the whole entity with a new sequence number; returns that number. */
export async function putEntity(
  db: Kysely<Database>,
  settingId: string,
  kind: EntityKind,
  id: string,
  payload: unknown,
  now: string,
): Promise<number> {
  const seq = await nextSeq(db, settingId)
  const json = JSON.stringify(payload)
  await db
    .insertInto('entities')
    .values({ setting_id: settingId, kind, id, payload: json, seq, updated_at: now })
    .onConflict((oc) =>
      oc.columns(['setting_id', 'kind', 'id']).doUpdateSet({ payload: json, seq, updated_at: now }),
    )
    .execute()
  return seq
}

/** How many rows one multi-row insert carries (well under either database's parameter limit). */
const INSERT_ROWS = 200

/**
 * Writes several entities of one kind, each with a new sequence number, in one increment of
 * `last_seq` and one statement per INSERT_ROWS: what `putEntity` does for each, in order, with
 * two statements in all instead of two for every one (a withdrawal flags a child's every photo).
 */
export async function putEntities(
  db: Kysely<Database>,
  settingId: string,
  kind: EntityKind,
  entities: readonly { id: string; payload: unknown }[],
  now: string,
): Promise<void> {
  const rows = entities.map((e) => ({ kind, id: e.id, json: JSON.stringify(e.payload) }))
  await putEntityRows(db, settingId, rows, now)
}

/**
 * `putEntities` for records of any kinds, their JSON text already made (a push's records:
 * ingest/pushRecords.ts). Sequence numbers follow the order given; of one record given twice
 * the last copy is written, in its first place.
 */
export async function putEntityRows(
  db: Kysely<Database>,
  settingId: string,
  entities: readonly { kind: EntityKind; id: string; json: string }[],
  now: string,
): Promise<void> {
  // One row per record (a statement may not upsert the same row twice); the last copy wins.
  const latest = [...new Map(entities.map((e) => [`${e.kind}\u0000${e.id}`, e])).values()]
  if (latest.length === 0) return
  const { last_seq: last } = await db
    .updateTable('settings')
    .set((eb) => ({ last_seq: eb('last_seq', '+', latest.length) }))
    .where('id', '=', settingId)
    .returning('last_seq')
    .executeTakeFirstOrThrow()
  const first = last - latest.length + 1
  const rows = latest.map((e, i) => ({
    setting_id: settingId,
    kind: e.kind,
    id: e.id,
    payload: e.json,
    seq: first + i,
    updated_at: now,
  }))
  for (let i = 0; i < rows.length; i += INSERT_ROWS) {
    await db
      .insertInto('entities')
      .values(rows.slice(i, i + INSERT_ROWS))
      .onConflict((oc) =>
        oc.columns(['setting_id', 'kind', 'id']).doUpdateSet((eb) => ({
          payload: eb.ref('excluded.payload'),
          seq: eb.ref('excluded.seq'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute()
  }
}

export async function getEntity(
  db: Kysely<Database>,
  settingId: string,
  kind: EntityKind,
  id: string,
): Promise<unknown> {
  const row = await db
    .selectFrom('entities')
    .select('payload')
    .where('setting_id', '=', settingId)
    .where('kind', '=', kind)
    .where('id', '=', id)
    .executeTakeFirst()
  return row === undefined ? undefined : JSON.parse(row.payload)
}

export async function listEntities(
  db: Kysely<Database>,
  settingId: string,
  kind: EntityKind,
): Promise<unknown[]> {
  const rows = await db
    .selectFrom('entities')
    .select('payload')
    .where('setting_id', '=', settingId)
    .where('kind', '=', kind)
    .execute()
  return rows.map((r) => JSON.parse(r.payload) as unknown)
}

/** The setting's changes after `since`, oldest first; one more than `limit` tells of more. */
export async function entitiesSince(
  db: Kysely<Database>,
  settingId: string,
  since: number,
  limit: number,
): Promise<{ rows: EntityRow[]; more: boolean }> {
  const rows = await db
    .selectFrom('entities')
    .select(['kind', 'id', 'seq', 'payload'])
    .where('setting_id', '=', settingId)
    .where('seq', '>', since)
    .orderBy('seq')
    .limit(limit + 1)
    .execute()
  const page = rows.slice(0, limit).map((r) => ({
    kind: r.kind,
    id: r.id,
    seq: r.seq,
    payload: r.payload,
  }))
  return { rows: page, more: rows.length > limit }
}

export async function lastSeq(db: Kysely<Database>, settingId: string): Promise<number> {
  const row = await db
    .selectFrom('settings')
    .select('last_seq')
    .where('id', '=', settingId)
    .executeTakeFirst()
  return row === undefined ? 0 : row.last_seq
}

/** The most consent records that take consent away a pull carries ahead of its pages. */
export const MAX_RESTRICTIONS = 200

/**
 * Consent records after `since` that take consent away (withdrawn or refused), oldest first,
 * at most `limit`: a pull sends them ahead of the pages still to come (src/protocol/pull.ts).
 * The text match only narrows the rows read; each is checked on its parsed status. The
 * condition is the partial index's own (migration 0013), so the rows come from that index.
 */
export async function restrictionsSince(
  db: Kysely<Database>,
  settingId: string,
  since: number,
  limit = MAX_RESTRICTIONS,
): Promise<EntityRow[]> {
  const rows = await restrictionsQuery(db, settingId, since, limit).execute()
  return rows.filter(takesConsentAway)
}

/** Which of the consent records `ids` take consent away, as `restrictionsSince` gives them. */
export async function restrictionsNamed(
  db: Kysely<Database>,
  settingId: string,
  ids: readonly string[],
): Promise<EntityRow[]> {
  if (ids.length === 0) return []
  const rows = await db
    .selectFrom('entities')
    .select(['kind', 'id', 'seq', 'payload'])
    .where('setting_id', '=', settingId)
    .where('kind', '=', 'consent')
    .where('id', 'in', [...ids])
    .orderBy('seq')
    .execute()
  return rows.filter(takesConsentAway)
}

function takesConsentAway(row: EntityRow): boolean {
  const status = (JSON.parse(row.payload) as { status?: unknown }).status
  return status === 'withdrawn' || status === 'refused'
}

/** The query of `restrictionsSince` (its plan is tested: it must use the partial index). */
export function restrictionsQuery(
  db: Kysely<Database>,
  settingId: string,
  since: number,
  limit: number,
) {
  return db
    .selectFrom('entities')
    .select(['kind', 'id', 'seq', 'payload'])
    .where('setting_id', '=', settingId)
    .where('seq', '>', since)
    .where(RESTRICTION_ROWS)
    .orderBy('seq')
    .limit(limit)
}
