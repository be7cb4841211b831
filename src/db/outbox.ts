/**
 * The outbox: every change the server must learn of, in the order it was made on this device.
 * The sync layer reads it oldest first and deletes an entry once the server has acknowledged
 * its id.
 *
 * Invariants:
 * - An entry is written in the same Dexie transaction as the change it records, so the device
 *   never has a change the server will not hear of, nor tells the server of a change it does
 *   not have. `enqueueOutbox` refuses to run outside such a transaction.
 * - `seq` is assigned by IndexedDB (auto-increment) and only grows; `id` is a client-made UUID
 *   the server uses to ignore a retried entry it has already applied.
 * - The payload is the whole entity after the change, never a diff: applying it twice is safe.
 * - Each entry records who made the change (`actorId`), which the server checks against its
 *   own staff data (docs/decisions/0006-manager-operations-on-the-server.md).
 * - A staff payload never carries the PIN hash or lockout counters (see `toStaff`). A new PIN
 *   travels as its own `staffPin` entry, the salted verifier only (decision 0005), so every
 *   iPad of the setting can check it offline.
 */
import { Dexie, type Transaction } from 'dexie'
import type { Iso } from '../policy/index.ts'
import type { ConsentLensDb } from './ConsentLensDb.ts'
import { newId, type NewId } from './newId.ts'
import type {
  Child,
  InjuryRecord,
  Location,
  PhotoMeta,
  PinHash,
  Staff,
  StoredConsent,
} from './records.ts'

export type OutboxChange =
  | { kind: 'consent'; payload: StoredConsent }
  | { kind: 'injury'; payload: InjuryRecord }
  | { kind: 'staff'; payload: Staff }
  | { kind: 'staffPin'; payload: { id: string; pin: PinHash; mustChange?: boolean } }
  | { kind: 'child'; payload: Child }
  | { kind: 'location'; payload: Location }
  | { kind: 'photo'; payload: PhotoMeta }

export type OutboxKind = OutboxChange['kind']

interface OutboxHeader {
  id: string
  entityId: string
  createdAt: Iso
  /**
   * Who made the change (a staff id), so the server checks them with the roles table and
   * its audit says who. Null for a change nobody made in person; absent on entries written
   * before devices recorded it.
   */
  actorId?: string | null
}

/** An entry as written: IndexedDB assigns `seq`. */
export type NewOutboxEntry = OutboxChange & OutboxHeader

export type OutboxEntry = NewOutboxEntry & { seq: number }

/** Dexie types it as always there; outside a transaction it is null. */
function currentTransaction(): Transaction | null {
  return Dexie.currentTransaction
}

/** Throws (a bug, not a user error) unless called inside a transaction of `db` over `tables`. */
export function assertInTransaction(db: ConsentLensDb, tables: readonly string[]): void {
  const tx = currentTransaction()
  const missing = tx?.db === db ? tables.filter((t) => !tx.storeNames.includes(t)) : [...tables]
  if (missing.length > 0) {
    throw new Error(
      `Must run inside a transaction of ${db.name} that includes: ${missing.join(', ')}`,
    )
  }
}

/** Adds the change to the outbox. Call inside the transaction that makes the change. */
export async function enqueueOutbox(
  db: ConsentLensDb,
  change: OutboxChange & { actorId: string | null },
  now: Iso,
  makeId: NewId = newId,
): Promise<void> {
  assertInTransaction(db, ['outbox'])
  const entry = { ...change, id: makeId(), entityId: change.payload.id, createdAt: now }
  await db.outbox.add(entry satisfies NewOutboxEntry)
}

/** Pending entries, oldest first. */
export async function listOutbox(db: ConsentLensDb): Promise<OutboxEntry[]> {
  return db.outbox.orderBy('seq').toArray()
}
