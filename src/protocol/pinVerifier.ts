/**
 * PIN verifiers, made and checked the same way on every tablet and on the server: PBKDF2-SHA-256
 * (WebCrypto, which browsers and Node 20 both have), a random 16-byte salt per PIN, a 256-bit
 * master split by scheme v2 (staffAuthority.ts) into the verifier that is stored and the signing
 * seed that only the signed-in session holds, and the iteration count stored beside it so it
 * can be raised later without breaking old PINs.
 *
 * Pure: WebCrypto is an argument (`globalThis.crypto` where it runs), like the clock elsewhere.
 *
 * Invariants:
 * - A PIN exists in clear only in memory, for the time of one call; the master and the
 *   signing seed are never stored, only the verifier and the public key.
 * - Comparison takes the same time wherever the first difference is.
 * - v1 verifiers (no `scheme`: the PBKDF2 output itself) are still checked, but give no seed.
 * - For one PIN, salt and iteration count the outputs never change (pinVectors.test.ts).
 */
import { utf8ToBytes } from '@noble/hashes/utils.js'
import { PIN_SCHEME_SPLIT, splitPinMaster } from './staffAuthority.ts'
import type { PinHashWire } from './records.ts'

/** The part of WebCrypto used here; `globalThis.crypto` fits it in browsers and Node. */
export interface PinCrypto {
  getRandomValues<T extends Uint8Array<ArrayBuffer>>(array: T): T
  subtle: {
    importKey(
      format: 'raw',
      keyData: Uint8Array<ArrayBuffer>,
      algorithm: 'PBKDF2',
      extractable: false,
      keyUsages: ['deriveBits'],
    ): Promise<PinKey>
    deriveBits(
      algorithm: {
        name: 'PBKDF2'
        hash: 'SHA-256'
        salt: Uint8Array<ArrayBuffer>
        iterations: number
      },
      baseKey: PinKey,
      length: number,
    ): Promise<ArrayBuffer>
  }
}

/** WebCrypto's CryptoKey, as far as this module needs to know it. */
export interface PinKey {
  readonly type: string
}

export const PIN_ITERATIONS = 210_000
export const MIN_PIN_ITERATIONS = 100_000
const SALT_BYTES = 16
const MASTER_BITS = 256

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

export function bytesToB64(bytes: Uint8Array): string {
  const digit = (n: number): string => B64.charAt(n & 63)
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const [a = 0, b = 0, c = 0] = [bytes[i], bytes[i + 1], bytes[i + 2]]
    const n = (a << 16) | (b << 8) | c
    out += digit(n >> 18) + digit(n >> 12)
    out += i + 1 < bytes.length ? digit(n >> 6) : '='
    out += i + 2 < bytes.length ? digit(n) : '='
  }
  return out
}

export function b64ToBytes(text: string): Uint8Array<ArrayBuffer> {
  const clean = text.replace(/=+$/, '')
  if (!/^[A-Za-z0-9+/]*$/.test(clean)) throw new Error('Not base64')
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4))
  let bits = 0
  let value = 0
  let at = 0
  for (const char of clean) {
    value = (value << 6) | B64.indexOf(char)
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out[at++] = (value >> bits) & 0xff
    }
  }
  return out
}

async function deriveMaster(
  crypto: PinCrypto,
  pin: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey(
    'raw',
    new Uint8Array(utf8ToBytes(pin)),
    'PBKDF2',
    false,
    ['deriveBits'],
  )
  const params = { name: 'PBKDF2', hash: 'SHA-256', salt, iterations } as const
  return new Uint8Array(await crypto.subtle.deriveBits(params, key, MASTER_BITS))
}

/** A new PIN's stored verifier, and the signing seed of the person who typed it. */
export interface MadePin {
  pin: PinHashWire
  signingSeed: Uint8Array
}

/** `saltB64` only for the demo's published PINs (fixed salts); real PINs get a random salt. */
export async function makePinVerifier(
  crypto: PinCrypto,
  pin: string,
  iterations = PIN_ITERATIONS,
  saltB64?: string,
): Promise<MadePin> {
  if (iterations < MIN_PIN_ITERATIONS) {
    throw new Error(`PBKDF2 needs ≥ ${String(MIN_PIN_ITERATIONS)} iterations`)
  }
  const salt =
    saltB64 === undefined ? crypto.getRandomValues(new Uint8Array(SALT_BYTES)) : b64ToBytes(saltB64)
  const master = await deriveMaster(crypto, pin, salt, iterations)
  const { verifier, signingSeed, publicKeyHex } = splitPinMaster(master)
  const stored = {
    saltB64: bytesToB64(salt),
    hashB64: bytesToB64(verifier),
    iterations,
    scheme: PIN_SCHEME_SPLIT,
    publicKeyHex,
  } satisfies PinHashWire
  return { pin: stored, signingSeed }
}

/** Equal length and equal bytes, looking at every byte whatever it finds. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length
  const n = Math.max(a.length, b.length)
  for (let i = 0; i < n; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0)
  return diff === 0
}

/** Whether `pin` is right; if it is and the verifier is v2, the person's signing seed. */
export async function checkPinVerifier(
  crypto: PinCrypto,
  pin: string,
  stored: PinHashWire,
): Promise<{ matches: boolean; signingSeed: Uint8Array | null }> {
  const master = await deriveMaster(crypto, pin, b64ToBytes(stored.saltB64), stored.iterations)
  if (stored.scheme !== PIN_SCHEME_SPLIT) {
    return { matches: constantTimeEqual(master, b64ToBytes(stored.hashB64)), signingSeed: null }
  }
  const { verifier, signingSeed } = splitPinMaster(master)
  const matches = constantTimeEqual(verifier, b64ToBytes(stored.hashB64))
  return { matches, signingSeed: matches ? signingSeed : null }
}
