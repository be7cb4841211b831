/**
 * For tests: pushed changes signed the way a tablet signs them (src/db/outbox.ts): by a person
 * whose signing seed comes from their PIN, over the change as the server parses it. Demo staff
 * sign with the seeds of their published demo PINs (derived once, remembered).
 */
import { hashPinWithSeed, PIN_ITERATIONS } from '../../src/db/pinHash.ts'
import { DEMO_PIN_SALTS, DEMO_STAFF } from '../../src/demo/index.ts'
import {
  changeProofMessage,
  PushChangeSchema,
  signProof,
  type PushChange,
} from '../../src/protocol/index.ts'

export interface TestSigner {
  id: string
  signingSeed: Uint8Array
}

const demoSeeds = new Map<string, Uint8Array>()

/** A demo person as a signer, with the seed their published PIN gives. */
export async function demoSigner(staffId: string): Promise<TestSigner> {
  const known = demoSeeds.get(staffId)
  if (known !== undefined) return { id: staffId, signingSeed: known }
  const person = Object.values(DEMO_STAFF).find((p) => p.id === staffId)
  if (person === undefined) throw new Error(`${staffId} is not demo staff`)
  const { signingSeed } = await hashPinWithSeed(person.pin, PIN_ITERATIONS, DEMO_PIN_SALTS[staffId])
  demoSeeds.set(staffId, signingSeed)
  return { id: staffId, signingSeed }
}

/** Every demo person's signer, by staff id (for suites that sign synchronously). */
export async function demoSigners(): Promise<Map<string, TestSigner>> {
  const all = await Promise.all(Object.values(DEMO_STAFF).map((p) => demoSigner(p.id)))
  return new Map(all.map((s) => [s.id, s]))
}

/** A change as a tablet pushes it, signed by `signer` for `settingId`. */
export function signedChange(
  settingId: string,
  signer: TestSigner,
  kind: PushChange['kind'],
  payload: unknown,
  id: string = globalThis.crypto.randomUUID(),
): PushChange {
  const change = PushChangeSchema.parse({
    id,
    kind,
    createdAt: new Date().toISOString(),
    actorId: signer.id,
    payload,
  })
  const message = changeProofMessage({
    settingId,
    changeId: change.id,
    kind: change.kind,
    actorId: signer.id,
    payload: change.payload,
  })
  return { ...change, proof: signProof(signer.signingSeed, message) }
}
