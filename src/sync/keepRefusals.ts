/**
 * What the tablet does with the server's refusals of its changes: it keeps each one (store
 * `refusals`, shown to the manager in the alerts) and makes its own copy of the record agree
 * with the server's, from the copy the server sends with the refusal (`serverCopy`).
 *
 * Invariants:
 * - One transaction per batch: the outbox entry leaves, its refusal is kept and the local
 *   record is corrected together, or nothing changes and the entry is sent again.
 * - The server's copy replaces the local record. A record the server does not have is removed
 *   from the tablet, except on the safe side: an injury, and a consent that is not a grant,
 *   stay (they only ever stop photos, and the server never refuses them for want of rights).
 * - The local record is left alone while a later change of it still waits in the outbox: that
 *   change decides, and its own answer corrects the record if it is refused too.
 * - A refused PIN change is kept without its verifier: the refusal says whose PIN, not the PIN.
 */
import type { ConsentLensDb, OutboxEntry, Refusal, StaffRecord } from '../db/index.ts'
import type { Iso } from '../policy/index.ts'
import type { Table } from 'dexie'
import type {
  ConsentWire,
  PushResult,
  ServerCopy,
  StaffPinWire,
  StaffWire,
} from '../protocol/index.ts'

const FRESH_LOCKOUT = { failedAttempts: 0, lockedUntil: null, lockouts: 0 } as const

const TABLES = [
  'outbox',
  'refusals',
  'staff',
  'injuries',
  'children',
  'locations',
  'consents',
] as const

export interface RefusedChange {
  entry: OutboxEntry
  result: PushResult
}

export async function keepRefusals(
  db: ConsentLensDb,
  refused: readonly RefusedChange[],
  now: Iso,
): Promise<Refusal[]> {
  if (refused.length === 0) return []
  return db.transaction('rw', [...TABLES], async () => {
    await db.outbox.bulkDelete(refused.map((r) => r.entry.seq))
    const kept: Refusal[] = []
    for (const { entry, result } of refused) {
      const outcome = await agree(db, entry, result.serverCopy)
      const refusal: Refusal = {
        id: entry.id,
        kind: entry.kind,
        entityId: entry.entityId,
        madeAt: entry.createdAt,
        actorId: entry.actorId ?? null,
        refusedAt: now,
        code: result.error?.code ?? 'rejected',
        message: result.error?.message ?? 'Refused by the server.',
        payload: entry.kind === 'staffPin' ? { id: entry.payload.id } : entry.payload,
        outcome,
        seenAt: null,
      }
      await db.refusals.put(refusal)
      kept.push(refusal)
    }
    return kept
  })
}

async function agree(
  db: ConsentLensDb,
  entry: OutboxEntry,
  copy: ServerCopy | undefined,
): Promise<Refusal['outcome']> {
  if (copy === undefined || copy.kind !== entry.kind || copy.id !== entry.entityId) return 'kept'
  const later = await db.outbox
    .where('[kind+entityId]')
    .equals([entry.kind, entry.entityId])
    .count()
  if (later > 0) return 'kept'
  switch (copy.kind) {
    case 'staff':
      return agreeStaff(db, copy.id, copy.payload)
    case 'staffPin':
      return agreePin(db, copy.id, copy.payload)
    case 'injury':
      // An injury the server lacks stays: it only ever stops photos.
      if (copy.payload === null) return 'kept'
      await db.injuries.put(copy.payload)
      return 'server-copy'
    case 'consent':
      return agreeConsent(db, copy.id, copy.payload)
    case 'child':
      return replaceOrRemove(db.children, copy.id, copy.payload)
    case 'location':
      return replaceOrRemove(db.locations, copy.id, copy.payload)
  }
}

async function replaceOrRemove<T>(
  table: Table<T, string>,
  id: string,
  payload: T | null,
): Promise<Refusal['outcome']> {
  if (payload === null) {
    await table.delete(id)
    return 'removed'
  }
  await table.put(payload)
  return 'server-copy'
}

async function agreeStaff(
  db: ConsentLensDb,
  id: string,
  payload: StaffWire | null,
): Promise<Refusal['outcome']> {
  if (payload === null) {
    await db.staff.delete(id)
    return 'removed'
  }
  // The server's staff record never carries a PIN: the tablet keeps its own and its counters.
  const local = await db.staff.get(id)
  const { pin, failedAttempts, lockedUntil, lockouts } = local ?? { pin: null, ...FRESH_LOCKOUT }
  const record: StaffRecord = { ...payload, pin, failedAttempts, lockedUntil, lockouts }
  await db.staff.put(record)
  return 'server-copy'
}

async function agreePin(
  db: ConsentLensDb,
  id: string,
  payload: StaffPinWire | null,
): Promise<Refusal['outcome']> {
  const local = await db.staff.get(id)
  if (local === undefined) return 'kept'
  const pin = payload?.pin ?? null
  const mustChangePin = payload?.mustChange === true
  await db.staff.put({ ...local, pin, mustChangePin, ...FRESH_LOCKOUT })
  return pin === null ? 'removed' : 'server-copy'
}

async function agreeConsent(
  db: ConsentLensDb,
  id: string,
  payload: ConsentWire | null,
): Promise<Refusal['outcome']> {
  if (payload !== null) {
    await db.consents.put(payload)
    return 'server-copy'
  }
  // A grant the server does not have must not allow photos here; a refusal or withdrawal stays.
  const local = await db.consents.get(id)
  if (local?.status !== 'granted') return 'kept'
  await db.consents.delete(id)
  return 'removed'
}
