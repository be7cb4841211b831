/**
 * PINs on the tablet: what a PIN may be, and its verifier made and checked with the browser's
 * WebCrypto by the one PBKDF2 module the server uses too (src/protocol/pinVerifier.ts says
 * how: PBKDF2-SHA-256, 16-byte salt, a master split into verifier and signing seed).
 *
 * Invariants:
 * - A PIN is 4 to 6 digits and exists in clear only in memory, for the time of one call.
 * - A 4-digit PIN has only 10,000 values; the hash keeps it out of sight in storage, the
 *   lockout (src/policy/pinLockout.ts) is what stops guessing at the tablet
 *   (docs/decisions/0016-a-change-carries-its-author-s-proof.md: what a stolen tablet gives).
 */
import type { StaffRole } from '../policy/index.ts'
import {
  checkPinVerifier,
  makePinVerifier,
  PIN_ITERATIONS,
  type MadePin,
} from '../protocol/index.ts'
import type { PinHash } from '../model/records.ts'

export { constantTimeEqual, MIN_PIN_ITERATIONS, PIN_ITERATIONS } from '../protocol/index.ts'

/** Why a PIN cannot be used, in a practitioner's words; null when it is fine. */
export function pinFormatError(pin: string): string | null {
  return /^[0-9]{4,6}$/.test(pin) ? null : 'A PIN is 4 to 6 digits (numbers only). Try again.'
}

/**
 * A manager's new PIN has 6 digits: theirs is the PIN worth most to someone holding a stolen
 * tablet, and 6 digits cost 100 times the guessing of 4
 * (docs/decisions/0016-a-change-carries-its-author-s-proof.md). Checked where a PIN is set,
 * not at sign-in: a manager's older 4-digit PIN (and the demo's published one) still works.
 */
export const MANAGER_PIN_DIGITS = 6

/** `pinFormatError`, and the manager's 6 digits, for a PIN being set for someone in `role`. */
export function newPinError(pin: string, role: StaffRole): string | null {
  const format = pinFormatError(pin)
  if (format !== null) return format
  return role === 'manager' && pin.length < MANAGER_PIN_DIGITS
    ? `A manager's PIN is ${String(MANAGER_PIN_DIGITS)} digits. Choose a 6-digit PIN.`
    : null
}

/** A new PIN's stored verifier, and the signing seed of the person who typed it. */
export type HashedPin = MadePin

/** `saltB64` only for the demo's published PINs (fixed salts); real PINs get a random salt. */
export function hashPinWithSeed(
  pin: string,
  iterations = PIN_ITERATIONS,
  saltB64?: string,
): Promise<HashedPin> {
  return makePinVerifier(globalThis.crypto, pin, iterations, saltB64)
}

export async function hashPin(
  pin: string,
  iterations = PIN_ITERATIONS,
  saltB64?: string,
): Promise<PinHash> {
  return (await hashPinWithSeed(pin, iterations, saltB64)).pin
}

/** Whether `pin` is right; if it is and the verifier is v2, the person's signing seed. */
export function checkPin(
  pin: string,
  stored: PinHash,
): Promise<{ matches: boolean; signingSeed: Uint8Array | null }> {
  return checkPinVerifier(globalThis.crypto, pin, stored)
}

export async function pinMatches(pin: string, stored: PinHash): Promise<boolean> {
  return (await checkPin(pin, stored)).matches
}
