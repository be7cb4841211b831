/**
 * Manager-only operations (enrolment codes, revoking a device, the quarantine list) carry the
 * acting manager's staff id and PIN, on top of the device's credential. The server checks
 * both against its own data: the staff record of the device's setting (active, role manager)
 * and the PIN verifier it holds (v1 or v2). See docs/decisions/0006 and 0016.
 *
 * Invariants:
 * - A guess is claimed atomically before its PBKDF2 runs (pinGuesses.ts): at most 5 are
 *   checked per lock window per person, whatever the concurrency, across tablets. Five wrong
 *   PINs lock that person's manager checks here for 5 minutes, doubling, at most an hour;
 *   while locked, the PIN is not even checked.
 * - Each lockout is audited with the tablet that caused it, so the manager can see which
 *   tablet to revoke.
 * - The answer never says whether the id or the PIN was wrong.
 */
import type { ManagerAuth, PinHashWire } from '../../protocol/index.ts'
import { StaffPinWireSchema, StaffWireSchema } from '../../protocol/index.ts'
import { appendServerAudit } from '../serverAudit.ts'
import { getEntity } from '../storage/entities.ts'
import type { SyncServices } from '../services.ts'
import type { AuthenticatedDevice } from './deviceAuth.ts'
import { claimPinGuess, clearPinGuesses } from './pinGuesses.ts'
import { pinMatchesVerifier } from './pinVerifier.ts'

export type ManagerCheck =
  | { ok: true; staffId: string }
  | { ok: false; error: { code: 'forbidden' | 'locked'; message: string } }

/** Checks a typed PIN against a stored verifier; tests may count the calls. */
export type PinCheck = (pin: string, verifier: PinHashWire) => Promise<boolean>

const DENIED: ManagerCheck = {
  ok: false,
  error: {
    code: 'forbidden',
    message: 'Only the manager can do this, with their own PIN. Check the PIN and try again.',
  },
}

function locked(until: string, now: Date): ManagerCheck {
  const minutes = Math.max(1, Math.ceil((Date.parse(until) - now.getTime()) / 60_000))
  const wait = minutes === 1 ? '1 minute' : `${String(minutes)} minutes`
  return {
    ok: false,
    error: {
      code: 'locked',
      message: `Too many wrong PINs. Try again in ${wait}. Signing in on the iPads still works.`,
    },
  }
}

export async function checkManager(
  services: SyncServices,
  device: AuthenticatedDevice,
  auth: ManagerAuth,
  pinCheck: PinCheck = pinMatchesVerifier,
): Promise<ManagerCheck> {
  const { db } = services
  const settingId = device.settingId
  const staff = StaffWireSchema.safeParse(await getEntity(db, settingId, 'staff', auth.staffId))
  const pin = StaffPinWireSchema.safeParse(await getEntity(db, settingId, 'staffPin', auth.staffId))
  if (!staff.success || !staff.data.active || staff.data.role !== 'manager' || !pin.success) {
    return DENIED
  }
  const now = services.now()
  const claim = await claimPinGuess(db, settingId, auth.staffId, now)
  if (!claim.ok) return locked(claim.lockedUntil, now)
  if (await pinCheck(auth.pin, pin.data.pin)) {
    await clearPinGuesses(db, settingId, auth.staffId)
    return { ok: true, staffId: auth.staffId }
  }
  if (claim.locks && claim.lockedUntil !== null) {
    await appendServerAudit(db, {
      settingId,
      at: now.toISOString(),
      deviceId: device.id,
      staffId: auth.staffId,
      type: 'pin-lockout',
      details: { lockedUntil: claim.lockedUntil },
    })
  }
  return DENIED
}
