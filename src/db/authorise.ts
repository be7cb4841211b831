/**
 * Loads the acting member of staff and asks the policy's `can` (src/policy/roles.ts, the one
 * place that says who may do what) whether they may do this.
 *
 * Invariant: the actor is re-read inside the caller's transaction, so a manager's change to
 * someone's role or authorisation counts from the next action, even if a screen still holds
 * the old staff object.
 */
import { can, deniedMessage, type Action, type RoleOptions } from '../policy/index.ts'
import type { ConsentLensDb } from './ConsentLensDb.ts'
import type { StaffRecord } from './records.ts'
import { fail, ok, type Result } from './result.ts'

/** Whoever is acting: a signed-in Staff object, or just their id. */
export interface ActorRef {
  id: string
}

export async function authorise(
  db: ConsentLensDb,
  actorRef: ActorRef,
  action: Action,
  options: (actor: StaffRecord) => RoleOptions = () => ({}),
): Promise<Result<StaffRecord, 'not-permitted'>> {
  const actor = await db.staff.get(actorRef.id)
  if (actor?.active !== true) {
    return fail(
      'not-permitted',
      'You are not signed in as a current member of staff. Sign in again.',
    )
  }
  if (!can(actor.role, action, options(actor))) return fail('not-permitted', deniedMessage(action))
  return ok(actor)
}
