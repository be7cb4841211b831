/**
 * Fixed vectors of the PIN verifier and signing seed scheme (decision 0016,
 * src/protocol/staffAuthority.ts): every tablet and server in use holds verifiers made this
 * way, so the outputs for one PIN, salt and iteration count may never change, whichever code
 * makes them (the tablet's and the server's, which must agree).
 */
import { bytesToHex } from '@noble/hashes/utils.js'
import { describe, expect, it } from 'vitest'
import type { PinHash } from '../model/records.ts'
import { PIN_SCHEME_SPLIT } from '../protocol/index.ts'
import { hashPinForDevices, pinMatchesVerifier } from '../server/auth/pinVerifier.ts'
import { checkPin, hashPinWithSeed } from './pinHash.ts'

const PIN = '482916'
const SALT = 'AAECAwQFBgcICQoLDA0ODw==' // bytes 0..15
const ITERATIONS = 100_000
const V2 = {
  saltB64: SALT,
  hashB64: 'rSPpBMj9A3xBceC2HvnhDTu8fDQbYp6b7mTcIwmA2Kc=',
  iterations: ITERATIONS,
  scheme: PIN_SCHEME_SPLIT,
  publicKeyHex: 'c1567c4b279ccc44241bc7614daf29201c1e9fc62ec2d65820875156a93bdf48',
} satisfies PinHash
const SIGNING_SEED = '2570eb74bc3c6930ab0b821462ef686cf6c10f4ab5ab21c11c2521a4ef0b4a9b'
/** A v1 verifier: the PBKDF2-SHA-256 output itself. */
const V1 = {
  saltB64: SALT,
  hashB64: 'NXPNhI1SFbpSCwK0pN4tp13JDC1L6Cwo+BTbNCuYgmY=',
  iterations: ITERATIONS,
}

describe('the PIN scheme’s fixed vectors (decision 0016)', () => {
  it('the tablet makes the same v2 verifier, public key and signing seed', async () => {
    const made = await hashPinWithSeed(PIN, ITERATIONS, SALT)
    expect(made.pin).toEqual(V2)
    expect(bytesToHex(made.signingSeed)).toBe(SIGNING_SEED)
  })

  it('the server makes the same v2 verifier', async () => {
    expect(await hashPinForDevices(PIN, ITERATIONS, SALT)).toEqual(V2)
  })

  it('both check a v2 and a v1 verifier, and only the right PIN', async () => {
    const v2 = await checkPin(PIN, V2)
    expect(v2.matches).toBe(true)
    expect(bytesToHex(v2.signingSeed ?? new Uint8Array())).toBe(SIGNING_SEED)
    expect(await checkPin(PIN, V1)).toEqual({ matches: true, signingSeed: null })
    expect((await checkPin('482917', V2)).matches).toBe(false)
    expect(await pinMatchesVerifier(PIN, V2)).toBe(true)
    expect(await pinMatchesVerifier(PIN, V1)).toBe(true)
    expect(await pinMatchesVerifier('482917', V1)).toBe(false)
  })
})
