/**
 * PIN hashing with WebCrypto: PBKDF2-SHA-256, a random 16-byte salt per hash, and the
 * iteration count stored beside the hash so it can be raised later without breaking old PINs.
 * The PBKDF2 output is a *master* that is split (scheme v2, src/protocol/staffAuthority.ts)
 * into the verifier that is stored and the signing seed that only the signed-in session holds.
 *
 * Invariants:
 * - A PIN is 4 to 6 digits and exists in clear only in memory, for the time of one call.
 * - The master and the signing seed are never stored: only the verifier and the public key.
 * - Comparison of hashes takes the same time wherever the first difference is.
 * - A 4-digit PIN has only 10,000 values; the hash keeps it out of sight in storage, the
 *   lockout (pinLockout.ts) is what stops guessing at the tablet
 *   (docs/decisions/0016-a-change-carries-its-author-s-proof.md: what a stolen tablet gives).
 * - v1 verifiers (no `scheme`: the PBKDF2 output itself) are still checked, but give no seed.
 */
import type { StaffRole } from '../policy/index.ts'
import { PIN_SCHEME_SPLIT, splitPinMaster } from '../protocol/index.ts'
import type { PinHash } from '../model/records.ts'

export const PIN_ITERATIONS = 210_000
export const MIN_PIN_ITERATIONS = 100_000
const SALT_BYTES = 16
const HASH_BITS = 256

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

function toB64(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

function fromB64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0))
}

async function derive(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number) {
  const subtle = globalThis.crypto.subtle
  const key = await subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, [
    'deriveBits',
  ])
  const params = { name: 'PBKDF2', hash: 'SHA-256', salt, iterations }
  return new Uint8Array(await subtle.deriveBits(params, key, HASH_BITS))
}

/** A new PIN's stored verifier, and the signing seed of the person who typed it. */
export interface HashedPin {
  pin: PinHash
  signingSeed: Uint8Array
}

/** `saltB64` only for the demo's published PINs (fixed salts); real PINs get a random salt. */
export async function hashPinWithSeed(
  pin: string,
  iterations = PIN_ITERATIONS,
  saltB64?: string,
): Promise<HashedPin> {
  if (iterations < MIN_PIN_ITERATIONS)
    throw new Error(`PBKDF2 needs ≥ ${MIN_PIN_ITERATIONS} iterations`)
  const salt =
    saltB64 === undefined
      ? globalThis.crypto.getRandomValues(new Uint8Array(SALT_BYTES))
      : fromB64(saltB64)
  const { verifier, signingSeed, publicKeyHex } = splitPinMaster(
    await derive(pin, salt, iterations),
  )
  const stored: PinHash = {
    saltB64: toB64(salt),
    hashB64: toB64(verifier),
    iterations,
    scheme: PIN_SCHEME_SPLIT,
    publicKeyHex,
  }
  return { pin: stored, signingSeed }
}

export async function hashPin(
  pin: string,
  iterations = PIN_ITERATIONS,
  saltB64?: string,
): Promise<PinHash> {
  return (await hashPinWithSeed(pin, iterations, saltB64)).pin
}

/** Equal length and equal bytes, looking at every byte whatever it finds. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length
  const n = Math.max(a.length, b.length)
  for (let i = 0; i < n; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0)
  return diff === 0
}

/** Whether `pin` is right; if it is and the verifier is v2, the person's signing seed. */
export async function checkPin(
  pin: string,
  stored: PinHash,
): Promise<{ matches: boolean; signingSeed: Uint8Array | null }> {
  const master = await derive(pin, fromB64(stored.saltB64), stored.iterations)
  if (stored.scheme !== PIN_SCHEME_SPLIT) {
    return { matches: constantTimeEqual(master, fromB64(stored.hashB64)), signingSeed: null }
  }
  const { verifier, signingSeed } = splitPinMaster(master)
  const matches = constantTimeEqual(verifier, fromB64(stored.hashB64))
  return { matches, signingSeed: matches ? signingSeed : null }
}

export async function pinMatches(pin: string, stored: PinHash): Promise<boolean> {
  return (await checkPin(pin, stored)).matches
}
