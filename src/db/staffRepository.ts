/**
 * Staff on this device: who they are, whether the manager authorised them to take images,
 * and their PIN.
 *
 * Invariants:
 * - Adding someone and changing their authorisation are manager actions (`authorise-staff`),
 *   each written with its outbox entry and audit event in one transaction.
 * - A manager's new PIN has 6 digits (`newPinError`).
 * - The PIN is stored only as a salted PBKDF2 hash. The clear PIN never leaves this module; the
 *   hash goes only into its own `staffPin` outbox entry, in the transaction that sets it, so it
 *   reaches the setting's server and its other iPads (decision 0005), never the audit log or a
 *   staff payload.
 * - Hashing (WebCrypto) happens before the transaction opens: IndexedDB commits a transaction
 *   that waits on anything else.
 */
import { nextVersion } from '../protocol/index.ts'
import { defaultCanCapture, type Iso, type StaffRole } from '../policy/index.ts'
import { appendAudit } from './auditLog.ts'
import { authoriseChange, type ActorRef } from './authorise.ts'
import type { ConsentLensDb } from './ConsentLensDb.ts'
import { newId, type NewId } from './newId.ts'
import { enqueueOutbox } from './outbox.ts'
import { hashPinWithSeed, newPinError, type HashedPin } from './pinHash.ts'
import { FRESH_LOCKOUT_STATE } from '../policy/index.ts'
import type { Staff, StaffRecord } from '../model/records.ts'
import { fail, ok, type Result } from './result.ts'
import { toStaff } from './staffQueries.ts'

export { getStaff, listStaff, toStaff } from './staffQueries.ts'

export type StaffErrorCode = 'not-permitted' | 'unknown-staff' | 'no-name' | 'bad-pin'

export interface NewStaff {
  name: string
  role: StaffRole
  roomId?: string | null
  /** Absent: employed staff are authorised, students and volunteers are not. */
  canCapture?: boolean
  pin?: string
}

const TABLES = ['staff', 'outbox', 'audit', 'device'] as const

/** What may leave the storage layer: no hash, no counters. */
export async function createStaff(
  db: ConsentLensDb,
  input: NewStaff,
  actor: ActorRef,
  now: Iso,
  makeId: NewId = newId,
): Promise<Result<Staff, StaffErrorCode>> {
  const name = input.name.trim()
  if (name === '') return fail('no-name', 'Enter the name of the new member of staff.')
  const pinError = input.pin === undefined ? null : newPinError(input.pin, input.role)
  if (pinError !== null) return fail('bad-pin', pinError)
  const pin = input.pin === undefined ? null : (await hashPinWithSeed(input.pin)).pin
  return db.transaction('rw', [...TABLES], async () => {
    const allowed = await authoriseChange(db, actor, 'authorise-staff')
    if (!allowed.ok) return allowed
    const record: StaffRecord = {
      id: makeId(),
      name,
      role: input.role,
      canCapture: input.canCapture ?? defaultCanCapture(input.role),
      roomId: input.roomId ?? null,
      pin,
      ...FRESH_LOCKOUT_STATE,
      active: true,
      ...nextVersion(undefined, now),
    }
    await db.staff.add(record)
    const staff = toStaff(record)
    await enqueueOutbox(
      db,
      { kind: 'staff', payload: staff, actor: allowed.value.signer },
      now,
      makeId,
    )
    if (pin !== null)
      await enqueueOutbox(
        db,
        { kind: 'staffPin', payload: { id: staff.id, pin }, actor: allowed.value.signer },
        now,
        makeId,
      )
    const details = { staffId: staff.id, role: staff.role, canCapture: staff.canCapture }
    await appendAudit(
      db,
      { at: now, staffId: allowed.value.id, type: 'staff-added', details },
      makeId,
    )
    return ok(staff)
  })
}

/** The manager gives or takes away someone's authorisation to take images. */
export async function setAuthorised(
  db: ConsentLensDb,
  staffId: string,
  canCapture: boolean,
  actor: ActorRef,
  now: Iso,
  makeId: NewId = newId,
): Promise<Result<Staff, StaffErrorCode>> {
  return db.transaction('rw', [...TABLES], async () => {
    const allowed = await authoriseChange(db, actor, 'authorise-staff')
    if (!allowed.ok) return allowed
    const record = await db.staff.get(staffId)
    if (record === undefined) return fail('unknown-staff', 'This person is not on this device.')
    const updated: StaffRecord = { ...record, canCapture, ...nextVersion(record, now) }
    await db.staff.put(updated)
    const staff = toStaff(updated)
    await enqueueOutbox(
      db,
      { kind: 'staff', payload: staff, actor: allowed.value.signer },
      now,
      makeId,
    )
    const details = { staffId, canCapture }
    const type = 'staff-authorisation-changed'
    await appendAudit(db, { at: now, staffId: allowed.value.id, type, details }, makeId)
    return ok(staff)
  })
}

/** A PIN set: whose, and the new seed when the actor set their own (their session's next key). */
export interface PinSet {
  staff: Staff
  ownSigningSeed: Uint8Array | null
}

/**
 * Sets a PIN: one's own, or anyone's by the manager. Clears any lockout. The change is signed
 * with the actor's CURRENT key (the session's, from the PIN they signed in with): the server
 * knows only that one. A person changing their own PIN gets the new PIN's seed back, for the
 * session to sign with from now on.
 */
export async function setPin(
  db: ConsentLensDb,
  staffId: string,
  pin: string,
  actor: ActorRef,
  now: Iso,
  makeId: NewId = newId,
): Promise<Result<PinSet, StaffErrorCode>> {
  const target = await db.staff.get(staffId)
  if (target === undefined) return fail('unknown-staff', 'This person is not on this device.')
  const pinError = newPinError(pin, target.role)
  if (pinError !== null) return fail('bad-pin', pinError)
  const hashed: HashedPin = await hashPinWithSeed(pin)
  return db.transaction('rw', [...TABLES], async () => {
    const allowed = await authoriseChange(db, actor, 'set-pin', (a) => ({
      isSelf: a.id === staffId,
    }))
    if (!allowed.ok) return allowed
    const record = await db.staff.get(staffId)
    if (record === undefined) return fail('unknown-staff', 'This person is not on this device.')
    // Choosing one's own PIN ends a one-time PIN; the pushed record (no mustChange) tells the
    // other tablets and the server so. A manager setting someone else's keeps their flag.
    const mustChangePin = staffId === allowed.value.id ? false : record.mustChangePin === true
    const updated: StaffRecord = {
      ...record,
      pin: hashed.pin,
      ...FRESH_LOCKOUT_STATE,
      mustChangePin,
    }
    await db.staff.put(updated)
    const payload = { id: staffId, pin: hashed.pin, ...(mustChangePin ? { mustChange: true } : {}) }
    await enqueueOutbox(db, { kind: 'staffPin', payload, actor: allowed.value.signer }, now, makeId)
    const details = { staffId }
    await appendAudit(db, { at: now, staffId: allowed.value.id, type: 'pin-set', details }, makeId)
    const own = allowed.value.id === staffId ? hashed.signingSeed : null
    return ok({ staff: toStaff(updated), ownSigningSeed: own })
  })
}
