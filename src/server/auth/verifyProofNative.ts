/**
 * `verifyProof` (src/protocol/staffAuthority.ts) for the server, on Node's own Ed25519
 * (OpenSSL) instead of the pure-JavaScript one the tablet carries: several times less CPU per
 * change, and a morning burst verifies thousands of signed changes. Same answers for every
 * signature a tablet makes; OpenSSL's check is the strict one of RFC 8032 (cofactorless,
 * canonical encodings only), so it accepts nothing the JavaScript check would refuse.
 *
 * Invariants: never throws (malformed keys or signatures are simply not valid); the same
 * shape checks as `verifyProof` before anything is parsed; parsed keys are kept, a bounded
 * number, by their hex. `verifyProofOffLoop` gives the same answer, worked out on libuv's
 * thread pool instead of the event loop.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto'

/** DER prefix of an Ed25519 SubjectPublicKeyInfo; the 32 key bytes follow it. */
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex')
const MAX_KEYS = 1_000
const keys = new Map<string, KeyObject>()

function keyOf(publicKeyHex: string): KeyObject {
  const kept = keys.get(publicKeyHex)
  if (kept !== undefined) return kept
  const key = createPublicKey({
    key: Buffer.concat([SPKI_PREFIX, Buffer.from(publicKeyHex, 'hex')]),
    format: 'der',
    type: 'spki',
  })
  if (keys.size >= MAX_KEYS) keys.clear()
  keys.set(publicKeyHex, key)
  return key
}

export function verifyProofNative(
  publicKeyHex: string,
  message: Uint8Array,
  signature: string,
): boolean {
  if (!/^[0-9a-f]{64}$/.test(publicKeyHex) || !/^[0-9a-f]{128}$/.test(signature)) return false
  try {
    return verify(null, message, keyOf(publicKeyHex), Buffer.from(signature, 'hex'))
  } catch {
    return false
  }
}

/**
 * At most this many checks on the thread pool at once: it also writes photos, which must not
 * queue behind a burst's checks.
 */
const IN_FLIGHT = 2
let inFlight = 0
const waiting: (() => void)[] = []

/** `verifyProofNative` on libuv's thread pool: a burst's thousands of checks leave the loop free. */
export async function verifyProofOffLoop(
  publicKeyHex: string,
  message: Uint8Array,
  signature: string,
): Promise<boolean> {
  if (!/^[0-9a-f]{64}$/.test(publicKeyHex) || !/^[0-9a-f]{128}$/.test(signature)) return false
  // A check that ends hands its place to the next waiting one.
  if (inFlight < IN_FLIGHT) inFlight++
  else await new Promise<void>((resolve) => waiting.push(resolve))
  try {
    return await new Promise<boolean>((resolve) => {
      try {
        verify(
          null,
          message,
          keyOf(publicKeyHex),
          Buffer.from(signature, 'hex'),
          (error, valid) => {
            resolve(error === null && valid)
          },
        )
      } catch {
        resolve(false)
      }
    })
  } finally {
    const next = waiting.shift()
    if (next === undefined) inFlight--
    else next()
  }
}
