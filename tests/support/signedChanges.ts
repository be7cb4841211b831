/**
 * For tests: pushed changes signed the way a tablet signs them (src/db/outbox.ts): by a person
 * whose signing seed comes from their PIN, over the change as the server parses it. Demo staff
 * sign with the seeds of their published demo PINs (tests/support/testSigners.ts).
 */
import { demoSigningSeed } from './testSigners.ts'
import { DEMO_STAFF } from '../../src/demo/index.ts'
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

/** A demo person as a signer, with the seed their published PIN gives. */
export function demoSigner(staffId: string): TestSigner {
  const signingSeed = demoSigningSeed(staffId)
  if (signingSeed === null) throw new Error(`${staffId} is not demo staff`)
  return { id: staffId, signingSeed }
}

/** Every demo person's signer, by staff id (for suites that sign synchronously). */
export function demoSigners(): Map<string, TestSigner> {
  return new Map(Object.values(DEMO_STAFF).map((p) => [p.id, demoSigner(p.id)]))
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
