/**
 * A push transaction's view of the setting's records and photo rows: what its changes read,
 * read together once, and what they write, written together at the end (decision 0032). A
 * slice of twenty consent records was a hundred statements (two reads, a sequence number and
 * an upsert each, and its exactly-once row), a slice of twenty photos about as many; through
 * this each is a handful, which on PostgreSQL is a handful of round trips instead of a hundred.
 *
 * Invariants:
 * - A read sees the transaction's own writes: a record put here and not yet written is
 *   answered from here, as the database would answer it after the write. Reads come back as
 *   `getEntity` gives them (a fresh object parsed from the stored JSON text).
 * - What was read is kept for the transaction: nothing else in a push writes these records
 *   (the reviews and an erasure write `photoStatus`, never read here) or a photo row it holds
 *   (an erasure flushes first and `forgetPhoto`s the row it changes).
 * - `flush` writes, in this transaction, every photo row added (with its purposes and
 *   children), every record put (one sequence number each, one increment of `last_seq`),
 *   every exactly-once row and every audit row, then holds nothing. applyPush flushes before
 *   anything that reads the tables directly (the policy data, the reviews, an erasure) and
 *   before it commits; a failure anywhere rolls the whole transaction back, flushed or not.
 */
import type { Insertable, Kysely } from 'kysely'
import { serverAuditRow, type ServerAuditEvent } from '../serverAudit.ts'
import { putEntityRows, type EntityKind } from '../storage/entities.ts'
import type { AppliedChangesTable, AuditTable, Database } from '../storage/schema.ts'
import type { PhotoRow } from './photoRows.ts'

export interface RecordKey {
  kind: EntityKind
  id: string
}

export interface PushRecords {
  /** Reads the records named in one statement (those not read or written already). */
  prefetch(keys: readonly RecordKey[]): Promise<void>
  /** The record as the transaction holds it, or undefined. */
  get(kind: EntityKind, id: string): Promise<unknown>
  /** Writes the whole record with a new sequence number, at the next flush. */
  put(kind: EntityKind, id: string, payload: unknown): void
  /** Reads these photos' rows in one statement (those not read or added already). */
  prefetchPhotos(ids: readonly string[]): Promise<void>
  /** The photo's row as the transaction holds it, or undefined. */
  photo(id: string): Promise<PhotoRow | undefined>
  /** A new photo's row, its purposes and its children, written at the next flush. */
  addPhoto(row: PhotoRow, purposes: readonly string[], childIds: readonly string[]): void
  /** The photo's row was changed in the database (after a flush): read it again if asked. */
  forgetPhoto(id: string): void
  /** Whether a record the policy data is made of waits for the next flush. */
  policyRecordsWaiting(): boolean
  /** How many flushes wrote such records: the policy data read before may be out of date. */
  policyVersion(): number
  /** Keeps a change's exactly-once row for the next flush. */
  applied(row: Insertable<AppliedChangesTable>): void
  /** Keeps a server audit event for the next flush. */
  audit(event: ServerAuditEvent): void
  flush(): Promise<void>
}

/** Rows per multi-row statement, and ids per IN list: well under either database's limits. */
const ROWS = 200

const keyOf = (kind: string, id: string) => `${kind}\u0000${id}`

export function pushRecords(trx: Kysely<Database>, settingId: string, now: string): PushRecords {
  /** Stored JSON text by key; null when the database has no such record. */
  const known = new Map<string, string | null>()
  const pending = new Map<string, { kind: EntityKind; id: string; json: string }>()
  let appliedRows: Insertable<AppliedChangesTable>[] = []
  let auditRows: Insertable<AuditTable>[] = []
  /** Photo rows by id; null when the database has none. */
  const photos = new Map<string, PhotoRow | null>()
  let newPhotos: { row: PhotoRow; purposes: readonly string[]; childIds: readonly string[] }[] = []
  let policyVersion = 0

  async function prefetch(keys: readonly RecordKey[]): Promise<void> {
    const wanted = keys.filter((k) => !known.has(keyOf(k.kind, k.id)))
    if (wanted.length === 0) return
    const kinds = [...new Set(wanted.map((k) => k.kind))]
    const ids = [...new Set(wanted.map((k) => k.id))]
    for (let i = 0; i < ids.length; i += ROWS) {
      const rows = await trx
        .selectFrom('entities')
        .select(['kind', 'id', 'payload'])
        .where('setting_id', '=', settingId)
        .where('kind', 'in', kinds)
        .where('id', 'in', ids.slice(i, i + ROWS))
        .execute()
      for (const row of rows) known.set(keyOf(row.kind, row.id), row.payload)
    }
    for (const k of wanted) {
      const key = keyOf(k.kind, k.id)
      if (!known.has(key)) known.set(key, null)
    }
  }

  async function get(kind: EntityKind, id: string): Promise<unknown> {
    const key = keyOf(kind, id)
    const json = pending.get(key)?.json ?? known.get(key)
    if (json === undefined) {
      await prefetch([{ kind, id }])
      return get(kind, id)
    }
    return json === null ? undefined : (JSON.parse(json) as unknown)
  }

  function put(kind: EntityKind, id: string, payload: unknown): void {
    const key = keyOf(kind, id)
    // Written again: it takes the later place (and sequence number), as a second upsert would.
    pending.delete(key)
    pending.set(key, { kind, id, json: JSON.stringify(payload) })
  }

  async function prefetchPhotos(ids: readonly string[]): Promise<void> {
    const wanted = [...new Set(ids)].filter((id) => !photos.has(id))
    for (let i = 0; i < wanted.length; i += ROWS) {
      const chunk = wanted.slice(i, i + ROWS)
      const rows = await trx
        .selectFrom('photos')
        .selectAll()
        .where('setting_id', '=', settingId)
        .where('id', 'in', chunk)
        .execute()
      for (const id of chunk) photos.set(id, null)
      for (const row of rows) photos.set(row.id, row)
    }
  }

  async function photo(id: string): Promise<PhotoRow | undefined> {
    if (!photos.has(id)) await prefetchPhotos([id])
    return photos.get(id) ?? undefined
  }

  async function writePhotos(added: typeof newPhotos): Promise<void> {
    for (let i = 0; i < added.length; i += ROWS) {
      const chunk = added.slice(i, i + ROWS)
      await trx
        .insertInto('photos')
        .values(chunk.map((p) => p.row))
        .execute()
      const purposes = chunk.flatMap(({ row, purposes }) =>
        [...new Set(purposes)].map((purpose) => ({
          setting_id: settingId,
          photo_id: row.id,
          purpose,
        })),
      )
      if (purposes.length > 0) await trx.insertInto('photo_purposes').values(purposes).execute()
      const children = chunk.flatMap(({ row, childIds }) =>
        [...new Set(childIds)].map((child_id) => ({
          setting_id: settingId,
          photo_id: row.id,
          child_id,
        })),
      )
      if (children.length > 0) await trx.insertInto('photo_children').values(children).execute()
    }
  }

  async function flush(): Promise<void> {
    const applied = appliedRows
    const audits = auditRows
    const records = [...pending.values()]
    const added = newPhotos
    if (policyRecordsWaiting()) policyVersion++
    appliedRows = []
    auditRows = []
    newPhotos = []
    pending.clear()
    await writePhotos(added)
    for (let i = 0; i < applied.length; i += ROWS) {
      await trx
        .insertInto('applied_changes')
        .values(applied.slice(i, i + ROWS))
        .execute()
    }
    await putEntityRows(trx, settingId, records, now)
    for (const r of records) known.set(keyOf(r.kind, r.id), r.json)
    for (let i = 0; i < audits.length; i += ROWS) {
      await trx
        .insertInto('server_audit')
        .values(audits.slice(i, i + ROWS))
        .execute()
    }
  }

  function policyRecordsWaiting(): boolean {
    for (const r of pending.values()) if (r.kind !== 'photoStatus') return true
    return false
  }

  return {
    prefetch,
    get,
    put,
    prefetchPhotos,
    photo,
    addPhoto: (row, purposes, childIds) => {
      photos.set(row.id, row)
      newPhotos.push({ row, purposes, childIds })
    },
    forgetPhoto: (id) => photos.delete(id),
    policyRecordsWaiting,
    policyVersion: () => policyVersion,
    applied: (row) => appliedRows.push(row),
    audit: (event) => auditRows.push(serverAuditRow(event)),
    flush,
  }
}
