/**
 * The proofs of a slice of pushed changes, checked before its transaction opens: each actor's
 * key is read on the read connection (services.ts: it waits for no flush) and every
 * signature verified on libuv's thread pool, side by side, so the transaction (and, on SQLite,
 * the event loop) does not spend a burst's CPU on them. proveActor.ts uses an answer only if
 * the key it reads in the transaction is the key that answer was checked with; otherwise it
 * verifies again there.
 *
 * Invariant: an answer here decides nothing by itself. Whether the actor is active staff of
 * the setting, and which key is theirs, is read in the transaction; a verdict is a pure
 * function of the key, the message (setting, change, kind, actor, payload) and the signature.
 */
import type { Kysely } from 'kysely'
import { changeProofMessage, type PushChange } from '../../protocol/index.ts'
import { knownStaff } from '../auth/staffKeys.ts'
import { verifyProofOffLoop } from '../auth/verifyProofNative.ts'
import type { Database } from '../storage/schema.ts'

export interface CheckedProof {
  publicKeyHex: string
  valid: boolean
}

/** Change id → the key its proof was checked against and the verdict. */
export type CheckedProofs = ReadonlyMap<string, CheckedProof>

/**
 * What a change's proof signs (changeProofMessage): its setting, id, kind, actor and payload.
 * Null for a change that names no actor or carries no proof.
 */
export function proofMessageOf(settingId: string, change: PushChange): Uint8Array | null {
  const actorId = change.actorId ?? null
  if (actorId === null || change.proof === undefined) return null
  return changeProofMessage({
    settingId,
    changeId: change.id,
    kind: change.kind,
    actorId,
    payload: change.payload,
  })
}

export async function checkProofs(
  db: Kysely<Database>,
  settingId: string,
  changes: readonly PushChange[],
): Promise<CheckedProofs> {
  const keys = new Map<string, Promise<string | null>>()
  const keyOf = (actorId: string) => {
    let key = keys.get(actorId)
    if (key === undefined) {
      key = knownStaff(db, settingId, actorId).then((known) => known?.publicKeyHex ?? null)
      keys.set(actorId, key)
    }
    return key
  }
  const checked = await Promise.all(
    changes.map(async (change): Promise<[string, CheckedProof] | null> => {
      const actorId = change.actorId ?? null
      if (actorId === null || change.proof === undefined) return null
      const publicKeyHex = await keyOf(actorId)
      if (publicKeyHex === null) return null
      const message = proofMessageOf(settingId, change)
      if (message === null) return null
      const valid = await verifyProofOffLoop(publicKeyHex, message, change.proof)
      return [change.id, { publicKeyHex, valid }]
    }),
  )
  return new Map(checked.filter((entry) => entry !== null))
}
