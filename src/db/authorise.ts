/**
 * Loads the acting member of staff and asks the policy's `can` (src/policy/roles.ts, the one
 * place that says who may do what) whether they may do this.
 *
 * Invariants:
 * - The actor is re-read inside the caller's transaction, so a manager's change to someone's
 *   role or authorisation counts from the next action, even if a screen still holds the old
 *   staff object.
 * - A change the server must hear of (`authoriseChange`) also needs the signing seed of the
 *   actor's current PIN, held by their signed-in session only (decision 0016): without it the
 *   change is refused here, in words, rather than refused by the server after the fact.
 */
import { can, deniedMessage, type Action, type RoleOptions } from '../policy/index.ts'
import { PIN_SCHEME_SPLIT, publicKeyHexOf } from '../protocol/index.ts'
import type { ConsentLensDb } from './ConsentLensDb.ts'
import type { Signer } from './outbox.ts'
import type { StaffRecord } from '../model/records.ts'
import { fail, ok, type Result } from './result.ts'

/**
 * Whoever is acting: a signed-in Staff object, or just their id; with the signing seed their
 * PIN gave at sign-in (src/app/session), which changes that reach the server need.
 */
export interface ActorRef {
  id: string
  signingSeed?: Uint8Array | null
}

export async function authorise(
  db: ConsentLensDb,
  actorRef: ActorRef,
  action: Action,
  options: (actor: StaffRecord) => RoleOptions = () => ({}),
): Promise<Result<StaffRecord, 'not-permitted'>> {
  return judge(await db.staff.get(actorRef.id), action, options)
}

function judge(
  actor: StaffRecord | undefined,
  action: Action,
  options: (actor: StaffRecord) => RoleOptions,
): Result<StaffRecord, 'not-permitted'> {
  if (actor?.active !== true) {
    return fail(
      'not-permitted',
      'You are not signed in as a current member of staff. Sign in again.',
    )
  }
  if (!can(actor.role, action, options(actor))) return fail('not-permitted', deniedMessage(action))
  return ok(actor)
}

const OLD_PIN =
  'Your PIN was set by an older version of ConsentLens, so the server cannot confirm that changes are yours. Ask the manager to set a new PIN for you, then sign in with it.'
const PIN_CHANGED =
  'Your PIN has changed since you signed in. Lock the iPad, sign in again with your current PIN, then try again.'
const NOT_SIGNED_IN = 'You are not signed in on this iPad. Sign in with your PIN, then try again.'

/** `authorise`, and the proof of the actor's current PIN a change sent to the server carries. */
export async function authoriseChange(
  db: ConsentLensDb,
  actorRef: ActorRef,
  action: Action,
  options: (actor: StaffRecord) => RoleOptions = () => ({}),
): Promise<Result<StaffRecord & { signer: Signer }, 'not-permitted'>> {
  // Reads the record itself rather than awaiting `authorise`: one await of a Dexie promise
  // keeps the caller's transaction; a chain of async functions can outlast Dexie's zone.
  const allowed = judge(await db.staff.get(actorRef.id), action, options)
  if (!allowed.ok) return allowed
  const actor = allowed.value
  const seed = actorRef.signingSeed ?? null
  if (actor.pin !== null && actor.pin.scheme !== PIN_SCHEME_SPLIT) {
    return fail('not-permitted', OLD_PIN)
  }
  if (seed === null) return fail('not-permitted', NOT_SIGNED_IN)
  if (actor.pin?.publicKeyHex !== publicKeyHexOf(seed)) {
    return fail('not-permitted', PIN_CHANGED)
  }
  return ok({ ...actor, signer: { id: actor.id, signingSeed: seed } })
}
