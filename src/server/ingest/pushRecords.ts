/**
 * A push transaction's view of the setting's records: what its changes read, read together
 * once, and what they write, written together at the end (decision 0032). A slice of twenty
 * consent records was a hundred statements (two reads, a sequence number and an upsert each,
 * and its exactly-once row); through this it is a handful, which on PostgreSQL is a handful of
 * round trips instead of a hundred.
 *
 * Invariants:
 * - A read sees the transaction's own writes: a record put here and not yet written is
 *   answered from here, as the database would answer it after the write. Reads come back as
 *   `getEntity` gives them (a fresh object parsed from the stored JSON text).
 * - What was read is kept for the transaction: nothing else in a push writes these kinds (the
 *   photo paths write `photoStatus` and photo rows, which are never read here).
 * - `flush` writes, in this transaction, every record put (one sequence number each, one
 *   increment of `last_seq`), every exactly-once row and every audit row, then holds nothing.
 *   applyPush flushes before anything that reads the tables directly (a photo's check reads
 *   the policy data, the reviews read it) and before it commits; a failure anywhere rolls the
 *   whole transaction back, flushed or not.
 */
import type { Insertable, Kysely } from 'kysely'
import { serverAuditRow, type ServerAuditEvent } from '../serverAudit.ts'
import { putEntityRows, type EntityKind } from '../storage/entities.ts'
import type { AppliedChangesTable, AuditTable, Database } from '../storage/schema.ts'

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

  async function flush(): Promise<void> {
    const applied = appliedRows
    const audits = auditRows
    const records = [...pending.values()]
    appliedRows = []
    auditRows = []
    pending.clear()
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

  return {
    prefetch,
    get,
    put,
    applied: (row) => appliedRows.push(row),
    audit: (event) => auditRows.push(serverAuditRow(event)),
    flush,
  }
}
