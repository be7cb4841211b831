/**
 * For tests only: the signing seed a person's session would hold, found without anyone typing
 * a PIN. A person of the small test setting (testDb.ts) has a seed from a fixed master; a demo
 * person's comes from their published demo PIN and the demo's fixed salt (one PBKDF2 each,
 * remembered). Anyone else has none, as if their PIN were unknown.
 */
import type { Signer } from './authorise.ts'
import { DEMO_PIN_SALTS, DEMO_STAFF } from './demoRoster.ts'
import type { ConsentLensDb } from './ConsentLensDb.ts'
import { checkPin, hashPinWithSeed, PIN_ITERATIONS } from './pinHash.ts'
import { testPin } from './testDb.ts'

const demoSeeds = new Map<string, Uint8Array>()

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
  const demo = Object.values(DEMO_STAFF).find((p) => p.id === staffId)
  const salt = DEMO_PIN_SALTS[staffId]
  if (demo === undefined || salt === undefined) return null
  if (stored !== null && stored.saltB64 !== salt) return null
  const key = `${staffId}/${stored?.hashB64 ?? 'demo'}`
  const known = demoSeeds.get(key)
  if (known !== undefined) return known
  const signingSeed =
    stored === null
      ? (await hashPinWithSeed(demo.pin, PIN_ITERATIONS, salt)).signingSeed
      : (await checkPin(demo.pin, stored)).signingSeed
  if (signingSeed !== null) demoSeeds.set(key, signingSeed)
  return signingSeed
}

/** `staffId` as the actor of a change, signing as their session would. */
export async function testSigner(db: ConsentLensDb, staffId: string): Promise<Signer> {
  const signingSeed = await testSigningSeed(db, staffId)
  if (signingSeed === null) throw new Error(`No test knows the PIN of ${staffId}`)
  return { id: staffId, signingSeed }
}
