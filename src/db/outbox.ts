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
 * - Each entry records who made the change (`actorId`) and carries their proof: a signature
 *   made with the signing seed of their PIN, over the change as the server will read it
 *   (`changeProofMessage`), made synchronously inside the same transaction. The server checks
 *   it against the public key it holds for that person
 *   (docs/decisions/0016-a-change-carries-its-author-s-proof.md).
 * - A staff payload never carries the PIN hash or lockout counters (see `toStaff`). A new PIN
 *   travels as its own `staffPin` entry, the salted verifier only (decision 0005), so every
 *   iPad of the setting can check it offline.
 */
import type { Dexie, EntityTable, Table } from 'dexie'
import type { Iso } from '../policy/index.ts'
import { changeProofMessage, PushChangeSchema, signProof } from '../protocol/index.ts'
import { newId, type NewId } from './newId.ts'
import type {
  Child,
  Device,
  InjuryRecord,
  Location,
  PhotoMeta,
  PinHash,
  Staff,
  StoredConsent,
} from '../model/records.ts'
import { assertInTransaction } from './transaction.ts'

/** Who signs an outbox entry: the actor, with their session's seed. */
export interface Signer {
  id: string
  signingSeed: Uint8Array
}

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
  /** The actor's signature over the change (hex); absent on entries made before proofs. */
  proof?: string
}

/** An entry as written: IndexedDB assigns `seq`. */
export type NewOutboxEntry = OutboxChange & OutboxHeader

export type OutboxEntry = NewOutboxEntry & { seq: number }

/**
 * The tables the outbox writes, as ConsentLensDb declares them. Named here, not imported, so
 * the schema can take this file's row types without a circle; ConsentLensDb fits it.
 */
export interface OutboxTables extends Dexie {
  outbox: Table<OutboxEntry, number, NewOutboxEntry>
  device: EntityTable<Device, 'id'>
}

/**
 * Adds the change to the outbox, signed by `actor`. Call inside the transaction that makes the
 * change, with the signer `authoriseChange` gave. `known`: the device row as the caller read it
 * in this same transaction (saves reading it again).
 */
export async function enqueueOutbox(
  db: OutboxTables,
  change: OutboxChange & { actor: Signer },
  now: Iso,
  makeId: NewId = newId,
  known?: { device: Device | undefined },
): Promise<void> {
  assertInTransaction(db, ['outbox', 'device'])
  const device = known === undefined ? await db.device.toCollection().first() : known.device
  if (device === undefined)
    throw new Error('A change was made on a device that belongs to no setting')
  const { actor, ...made } = change
  const entry: NewOutboxEntry = {
    ...made,
    id: makeId(),
    entityId: change.payload.id,
    createdAt: now,
    actorId: actor.id,
  }
  entry.proof = proveChange(entry, device.settingId, actor)
  await db.outbox.add(entry)
}

/** The signature the server will check: over the change exactly as it will parse it. */
function proveChange(entry: NewOutboxEntry, settingId: string, actor: Signer): string | undefined {
  const wire = PushChangeSchema.safeParse({ ...entry, proof: undefined })
  // A record the protocol cannot carry is reported as unsendable at push; nothing to sign.
  if (!wire.success) return undefined
  const { id: changeId, kind, payload } = wire.data
  const message = changeProofMessage({ settingId, changeId, kind, actorId: actor.id, payload })
  return signProof(actor.signingSeed, message)
}

/** Pending entries, oldest first. */
export async function listOutbox(db: OutboxTables): Promise<OutboxEntry[]> {
  return db.outbox.orderBy('seq').toArray()
}
