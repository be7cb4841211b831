/**
 * Who made a pushed change, as the SERVER can verify it: the change names its actor and
 * carries their signature (`proof`) over `changeProofMessage`; the actor must be an active
 * member of staff of the device's setting in the server's data, and the signature must verify
 * against the public key the server holds for their current PIN
 * (docs/decisions/0016-a-change-carries-its-author-s-proof.md).
 *
 * Invariants:
 * - There is no change without a proven actor: the "legacy" no-actor path of decision 0006 is
 *   gone, whatever device sends it.
 * - The signature covers the setting, the change id, its kind, the actor and the payload as
 *   parsed, so it cannot be moved to another change, payload, person or setting.
 * - What the tablet says about the actor (role, authorisation) is never used: only the role
 *   the server holds, read once per transaction and read again after a staff record or PIN
 *   of the transaction changes (applyPush.ts empties `ctx.staff`).
 * - A signature checked before the transaction (checkProofs.ts) counts only if it was checked
 *   against the key read here; otherwise it is checked again.
 */
import type { PushChange, StaffWire } from '../../protocol/index.ts'
import { knownStaffFrom } from '../auth/staffKeys.ts'
import { verifyProofNative } from '../auth/verifyProofNative.ts'
import { rejected, type ChangeContext, type ChangeOutcome } from './changeContext.ts'
import { proofMessageOf } from './checkProofs.ts'

export type ProvenActor = { ok: true; actor: StaffWire } | { ok: false; outcome: ChangeOutcome }

const NO_ACTOR =
  'This change does not say who made it, so the server cannot accept it. Make the change again, signed in with your PIN.'
const NOT_STAFF =
  'The person who made this change is not a current member of staff of this setting on the server.'
const OLD_PIN =
  'The server holds no PIN of the new kind for the person who made this change, so it cannot confirm it was them. The manager must set their PIN again; then make the change again.'
const BAD_PROOF =
  'The server could not confirm that the person named made this change (their PIN may have changed since). Sign in again with your current PIN and make the change again.'

/**
 * Checked before the transaction (checkProofs.ts) against this same key, or checked now. The
 * message (the payload's canonical JSON, the longest step) is built only to check it now.
 */
function proofHolds(ctx: ChangeContext, change: PushChange, publicKeyHex: string): boolean {
  const checked = ctx.proofs.get(change.id)
  if (checked?.publicKeyHex === publicKeyHex) return checked.valid
  const message = proofMessageOf(ctx.device.settingId, change)
  return (
    message !== null &&
    change.proof !== undefined &&
    verifyProofNative(publicKeyHex, message, change.proof)
  )
}

/** The actor as this transaction read them: a push's changes mostly share one author. */
async function knownInTransaction(ctx: ChangeContext, actorId: string) {
  const kept = ctx.staff.get(actorId)
  if (kept !== undefined) return kept
  const known = await knownStaffFrom((kind, id) => ctx.records.get(kind, id), actorId)
  ctx.staff.set(actorId, known)
  return known
}

export async function proveActor(ctx: ChangeContext, change: PushChange): Promise<ProvenActor> {
  const actorId = change.actorId ?? null
  if (actorId === null) return { ok: false, outcome: rejected('not_permitted', NO_ACTOR) }
  const known = await knownInTransaction(ctx, actorId)
  if (known === null) return { ok: false, outcome: rejected('not_permitted', NOT_STAFF) }
  if (known.publicKeyHex === null) {
    return { ok: false, outcome: rejected('proof_invalid', OLD_PIN) }
  }
  if (change.proof === undefined || !proofHolds(ctx, change, known.publicKeyHex)) {
    return { ok: false, outcome: rejected('proof_invalid', BAD_PROOF) }
  }
  return { ok: true, actor: known.staff }
}
