/**
 * PIN lockout, as pure arithmetic on a person's counters; the clock is an argument.
 *
 * Rules: five wrong PINs in a row lock that person out for 5 minutes; each later lockout lasts
 * twice the one before (10, 20, 40 … minutes). A correct PIN clears the wrong-PIN count but
 * not the lockout count, so guessing in bursts between sign-ins gets slower, not faster. Only
 * a new PIN (set by the person or the manager) starts the count of lockouts again.
 *
 * Invariant: while locked, attempts are refused without checking the PIN and are not counted.
 */
import type { Iso } from '../policy/index.ts'

export const MAX_WRONG_PINS = 5
export const FIRST_LOCKOUT_MINUTES = 5
/** 5 min × 2^20 is about ten years: past it a lockout stops doubling (and Date stays valid). */
const MAX_DOUBLINGS = 20

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
  return FIRST_LOCKOUT_MINUTES * 2 ** Math.min(previousLockouts, MAX_DOUBLINGS)
}

export function afterWrongPin(state: LockoutState, now: Iso): LockoutState {
  const failedAttempts = state.failedAttempts + 1
  if (failedAttempts < MAX_WRONG_PINS) return { ...state, failedAttempts, lockedUntil: null }
  const until = Date.parse(now) + lockoutMinutes(state.lockouts) * 60_000
  return {
    failedAttempts: 0,
    lockedUntil: new Date(until).toISOString(),
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
