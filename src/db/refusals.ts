/**
 * The changes the server refused, as the tablet keeps them (`Refusal`, store `refusals`):
 * the manager sees the ones not yet marked as seen in the alerts on Home, with what was refused
 * and why, and marks them as seen there.
 *
 * Invariant: a refusal is never deleted here (only a wipe or a demo reset clears the store);
 * marking it as seen only stops the alert.
 */
import type { Iso } from '../policy/index.ts'
import { authorise, type ActorRef } from './authorise.ts'
import type { ConsentLensDb } from './ConsentLensDb.ts'
import type { Refusal } from '../model/records.ts'
import { ok, type Result } from './result.ts'

/** Refusals the manager has not marked as seen, oldest first. */
export async function unseenRefusals(db: ConsentLensDb): Promise<Refusal[]> {
  const all = await db.refusals.orderBy('refusedAt').toArray()
  return all.filter((r) => r.seenAt === null)
}

/** The manager marks every refusal shown as seen. */
export async function markRefusalsSeen(
  db: ConsentLensDb,
  ids: readonly string[],
  actor: ActorRef,
  now: Iso,
): Promise<Result<number, 'not-permitted'>> {
  return db.transaction('rw', [db.refusals, db.staff], async () => {
    const allowed = await authorise(db, actor, 'view-audit')
    if (!allowed.ok) return allowed
    const marked = await db.refusals
      .where('id')
      .anyOf([...ids])
      .modify((r: Refusal) => {
        if (r.seenAt === null) r.seenAt = now
      })
    return ok(marked)
  })
}
