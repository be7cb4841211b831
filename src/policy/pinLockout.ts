/**
 * PIN lockout, as pure arithmetic on a person's counters; the clock is an argument. The one
 * rule for the tablet's sign-in (src/db/verifyPin.ts) and the server's manager checks
 * (src/server/auth/pinGuesses.ts), in one unit: whole minutes, times as ISO strings.
 *
 * Rules: five wrong PINs in a row lock that person out for 5 minutes; each later lockout lasts
 * twice the one before (10, 20, 40 minutes), and never more than an hour: whoever holds the
 * tablet could otherwise lock its manager out of it for years
 * (docs/decisions/0016-a-change-carries-its-author-s-proof.md). A correct PIN clears the wrong-PIN count but
 * not the lockout count, so guessing in bursts between sign-ins gets slower, not faster. Only
 * a new PIN (set by the person or the manager) starts the count of lockouts again.
 *
 * Invariant: while locked, attempts are refused without checking the PIN and are not counted.
 */
import type { Iso } from './schema.ts'

export const MAX_WRONG_PINS = 5
export const FIRST_LOCKOUT_MINUTES = 5
/** The longest lockout. */
export const MAX_LOCKOUT_MINUTES = 60
const MINUTE_MS = 60_000

export interface LockoutState {
  failedAttempts: number
  lockedUntil: Iso | null
  lockouts: number
}

export function lockedUntil(state: LockoutState, now: Iso): Iso | null {
  return state.lockedUntil !== null && Date.parse(now) < Date.parse(state.lockedUntil)
    ? state.lockedUntil
    : null
}

/** Minutes of the lockout that follows `previousLockouts` earlier ones. */
export function lockoutMinutes(previousLockouts: number): number {
  // Past 4 doublings the cap holds; the exponent is bounded so the arithmetic stays exact.
  return Math.min(FIRST_LOCKOUT_MINUTES * 2 ** Math.min(previousLockouts, 8), MAX_LOCKOUT_MINUTES)
}

/** When the lockout that follows `previousLockouts` earlier ones, starting `now`, ends. */
export function lockoutEndsAt(now: Iso, previousLockouts: number): Iso {
  return new Date(Date.parse(now) + lockoutMinutes(previousLockouts) * MINUTE_MS).toISOString()
}

export function afterWrongPin(state: LockoutState, now: Iso): LockoutState {
  const failedAttempts = state.failedAttempts + 1
  if (failedAttempts < MAX_WRONG_PINS) return { ...state, failedAttempts, lockedUntil: null }
  return {
    failedAttempts: 0,
    lockedUntil: lockoutEndsAt(now, state.lockouts),
    lockouts: state.lockouts + 1,
  }
}

export function afterRightPin(state: LockoutState): LockoutState {
  return { ...state, failedAttempts: 0, lockedUntil: null }
}

export const FRESH_LOCKOUT_STATE: LockoutState = {
  failedAttempts: 0,
  lockedUntil: null,
  lockouts: 0,
}
