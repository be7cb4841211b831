/**
 * Signing in with a PIN, with lockout (rules in src/policy/pinLockout.ts). The clock is an argument.
 * A right v2 PIN also gives the person's signing seed (pinHash.ts), which the caller keeps in
 * memory only, for the session; a v1 PIN signs in without one.
 *
 * The hash is checked outside any transaction (WebCrypto would let IndexedDB commit one that
 * waits on it); the outcome is then applied in a transaction that re-reads the person, so two
 * quick attempts are both counted and a lockout made meanwhile is respected.
 */
import type { Iso } from '../policy/index.ts'
import { appendAudit } from './auditLog.ts'
import type { ConsentLensDb } from './ConsentLensDb.ts'
import { checkPin } from './pinHash.ts'
import { afterRightPin, afterWrongPin, lockedUntil, MAX_WRONG_PINS } from '../policy/index.ts'
import type { Staff, StaffRecord } from '../model/records.ts'
import { fail, ok, type Result } from './result.ts'
import { toStaff } from './staffQueries.ts'

export type PinErrorCode = 'unknown-staff' | 'no-pin' | 'locked' | 'wrong-pin'

/** Who signed in, and the seed their changes are signed with (null for a v1 PIN). */
export interface SignedIn {
  staff: Staff
  signingSeed: Uint8Array | null
}

function lockedMessage(until: Iso, now: Iso): string {
  const minutes = Math.max(1, Math.ceil((Date.parse(until) - Date.parse(now)) / 60_000))
  const wait = minutes === 1 ? '1 minute' : `${minutes} minutes`
  return `Too many wrong PINs. Try again in ${wait}, or ask the manager to reset your PIN.`
}

export async function verifyPin(
  db: ConsentLensDb,
  staffId: string,
  pin: string,
  now: Iso,
): Promise<Result<SignedIn, PinErrorCode>> {
  const before = await db.staff.get(staffId)
  if (before?.active !== true) {
    return fail('unknown-staff', 'This person cannot sign in on this device. Ask the manager.')
  }
  if (before.pin === null) return fail('no-pin', 'You have no PIN yet. Ask the manager to set one.')
  const locked = lockedUntil(before, now)
  if (locked !== null) return fail('locked', lockedMessage(locked, now))
  const { matches, signingSeed } = await checkPin(pin, before.pin)
  return db.transaction('rw', [db.staff, db.audit, db.device], async () => {
    const record = await db.staff.get(staffId)
    if (record === undefined)
      return fail('unknown-staff', 'This person is no longer on this device.')
    const lockedMeanwhile = lockedUntil(record, now)
    if (lockedMeanwhile !== null) return fail('locked', lockedMessage(lockedMeanwhile, now))
    if (matches) {
      const signedIn: StaffRecord = { ...record, ...afterRightPin(record) }
      await db.staff.put(signedIn)
      await appendAudit(db, { at: now, staffId: record.id, type: 'signed-in', details: {} })
      return ok({ staff: toStaff(signedIn), signingSeed })
    }
    return recordWrongPin(db, record, now)
  })
}

async function recordWrongPin(
  db: ConsentLensDb,
  record: StaffRecord,
  now: Iso,
): Promise<Result<never, PinErrorCode>> {
  const next = afterWrongPin(record, now)
  await db.staff.put({ ...record, ...next })
  if (next.lockedUntil !== null) {
    const details = { staffId: record.id, lockedUntil: next.lockedUntil, lockouts: next.lockouts }
    await appendAudit(db, { at: now, staffId: record.id, type: 'pin-lockout', details })
    return fail('locked', lockedMessage(next.lockedUntil, now))
  }
  const left = MAX_WRONG_PINS - next.failedAttempts
  const tries = left === 1 ? '1 more try' : `${left} more tries`
  return fail('wrong-pin', `That PIN is not right. ${tries} before a lockout.`)
}
