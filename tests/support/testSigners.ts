/**
 * For tests only: the signing seed a person's session would hold, found without anyone typing
 * a PIN. A person of the small test setting (testDb.ts) has a seed from a fixed master; a demo
 * person's is the seed their published demo PIN gives with the demo's fixed salt, written out
 * below so tests need no PBKDF2 (testSigners.test.ts derives them again to prove the table
 * right). Anyone else has none, as if their PIN were unknown.
 */
import { ed25519 } from '@noble/curves/ed25519.js'
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js'
import type { Signer } from '../../src/db/outbox.ts'
import type { ConsentLensDb } from '../../src/db/ConsentLensDb.ts'
import { PIN_ITERATIONS } from '../../src/db/pinHash.ts'
import type { PinHash } from '../../src/model/records.ts'
import { DEMO_PIN_SALTS } from '../../src/demo/index.ts'
import { PIN_SCHEME_SPLIT } from '../../src/protocol/index.ts'
import { testPin } from './testDb.ts'

/** Demo staff id → their demo PIN's verifier and seed (from DEMO_STAFF pins, DEMO_PIN_SALTS). */
export const DEMO_SIGNING_SEEDS: Record<string, { hashB64: string; signingSeedHex: string }> = {
  'demo-staff-manager': {
    hashB64: 'levBvQSd6statz4b7teGSj9e5OnNb7MRWGB5vx31Xsw=',
    signingSeedHex: '5bd4ec9fa48cd109cfae005967d48c5891a09c36b0a7a32b37821e2a56e5d17e',
  },
  'demo-staff-keyworker': {
    hashB64: 'o47sovD8goB+A/5HSFdAPmmfMh4Ommq5N/F6IsVOEnc=',
    signingSeedHex: '955f8ee598b8202be83216c765424caf03e7b06d699b97c4f181c7597837fc00',
  },
  'demo-staff-practitioner': {
    hashB64: 'Nd8lFbSjPJP0hVz+/uxmb6GtWD5rrBA4nb4TEL/fYiE=',
    signingSeedHex: '09319517a1d5a46b2aa5474b5669560d967994b3007106517a7035aedf1c55fa',
  },
  'demo-staff-student': {
    hashB64: '3Fq9sKSn/opRDKDtLmFd/1c2ooUHVX/mlQ1mu/AsQSs=',
    signingSeedHex: '1430e82c392995e6ab8d05f1c84e6277a8de54b872c0e7e4b83af2544bf47433',
  },
}

/**
 * The verifier a demo person's published PIN gives with the demo's fixed salt at full
 * strength, as seeding makes it (same on the tablet and the server), from the table above: for
 * `seedDemoIfEmpty` and `seedDemoSetting`, so a seeded test database costs no PBKDF2.
 * testSigners.test.ts derives them again to prove them right.
 */
export function demoPinVerifier(staffId: string): Promise<PinHash> {
  const known = DEMO_SIGNING_SEEDS[staffId]
  const saltB64 = DEMO_PIN_SALTS[staffId]
  if (known === undefined || saltB64 === undefined)
    return Promise.reject(new Error(`${staffId} is not a demo person`))
  const publicKeyHex = bytesToHex(ed25519.getPublicKey(hexToBytes(known.signingSeedHex)))
  return Promise.resolve({
    saltB64,
    hashB64: known.hashB64,
    iterations: PIN_ITERATIONS,
    scheme: PIN_SCHEME_SPLIT,
    publicKeyHex,
  })
}

/** A demo person's seed, whatever this device holds of them (the server's demo is the same). */
export function demoSigningSeed(staffId: string): Uint8Array | null {
  const known = DEMO_SIGNING_SEEDS[staffId]
  return known === undefined ? null : hexToBytes(known.signingSeedHex)
}

/**
 * The seed for `staffId`'s PIN as stored in `db` now (a demo person's published PIN if the
 * device has not got their record yet); null when no test knows that PIN.
 */
export async function testSigningSeed(
  db: ConsentLensDb,
  staffId: string,
): Promise<Uint8Array | null> {
  const stored = (await db.staff.get(staffId))?.pin ?? null
  const fixed = testPin(staffId)
  if (stored !== null && fixed.pin.publicKeyHex === stored.publicKeyHex) return fixed.signingSeed
  const demo = DEMO_SIGNING_SEEDS[staffId]
  if (demo === undefined || (stored !== null && stored.hashB64 !== demo.hashB64)) return null
  return demoSigningSeed(staffId)
}

/** `staffId` as the actor of a change, signing as their session would. */
export async function testSigner(db: ConsentLensDb, staffId: string): Promise<Signer> {
  const signingSeed = await testSigningSeed(db, staffId)
  if (signingSeed === null) throw new Error(`No test knows the PIN of ${staffId}`)
  return { id: staffId, signingSeed }
}
