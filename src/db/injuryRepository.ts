/**
 * Injuries: any member of staff records one; only the manager clears it. While an injury is
 * in force the policy blocks photos of the child (rule `injury-recorded`).
 *
 * Invariants:
 * - The change, its outbox entry and its audit event are written in one transaction.
 * - An injury is never deleted; clearing sets `clearedAt` and `clearedBy` once.
 */
import { nextVersion } from '../protocol/index.ts'
import { dayWords, type Iso } from '../policy/index.ts'
import { appendAudit } from './auditLog.ts'
import { authoriseChange, type ActorRef } from './authorise.ts'
import type { ConsentLensDb } from './ConsentLensDb.ts'
import { newId, type NewId } from './newId.ts'
import { enqueueOutbox } from './outbox.ts'
import type { InjuryRecord } from '../model/records.ts'
import { fail, ok, type Result } from './result.ts'

export type InjuryErrorCode =
  'not-permitted' | 'unknown-child' | 'no-description' | 'unknown-injury' | 'already-cleared'

const TABLES = ['children', 'injuries', 'staff', 'outbox', 'audit', 'device'] as const

export async function recordInjury(
  db: ConsentLensDb,
  input: { childId: string; description: string },
  actor: ActorRef,
  now: Iso,
  makeId: NewId = newId,
): Promise<Result<InjuryRecord, InjuryErrorCode>> {
  const description = input.description.trim()
  if (description === '') {
    return fail('no-description', 'Describe the injury in a few words, then save.')
  }
  return db.transaction('rw', [...TABLES], async () => {
    if ((await db.children.get(input.childId)) === undefined) {
      return fail('unknown-child', 'This child is not on the roster of this device.')
    }
    const allowed = await authoriseChange(db, actor, 'record-injury')
    if (!allowed.ok) return allowed
    const injury: InjuryRecord = {
      id: makeId(),
      childId: input.childId,
      recordedAt: now,
      recordedBy: allowed.value.id,
      description,
      clearedAt: null,
      clearedBy: null,
      ...nextVersion(undefined, now),
    }
    await db.injuries.add(injury)
    await enqueueOutbox(
      db,
      { kind: 'injury', payload: injury, actor: allowed.value.signer },
      now,
      makeId,
    )
    const details = { injuryId: injury.id, childId: injury.childId }
    await appendAudit(
      db,
      { at: now, staffId: injury.recordedBy, type: 'injury-recorded', details },
      makeId,
    )
    return ok(injury)
  })
}

export async function clearInjury(
  db: ConsentLensDb,
  injuryId: string,
  actor: ActorRef,
  now: Iso,
  makeId: NewId = newId,
): Promise<Result<InjuryRecord, InjuryErrorCode>> {
  return db.transaction('rw', [...TABLES], async () => {
    const allowed = await authoriseChange(db, actor, 'clear-injury')
    if (!allowed.ok) return allowed
    const injury = await db.injuries.get(injuryId)
    if (injury === undefined) return fail('unknown-injury', 'This injury is not on this device.')
    if (injury.clearedAt !== null) {
      return fail(
        'already-cleared',
        `This injury was already cleared on ${dayWords(injury.clearedAt)}.`,
      )
    }
    const cleared: InjuryRecord = {
      ...injury,
      clearedAt: now,
      clearedBy: allowed.value.id,
      ...nextVersion(injury, now),
    }
    await db.injuries.put(cleared)
    await enqueueOutbox(
      db,
      { kind: 'injury', payload: cleared, actor: allowed.value.signer },
      now,
      makeId,
    )
    const details = { injuryId, childId: injury.childId }
    await appendAudit(
      db,
      { at: now, staffId: cleared.clearedBy, type: 'injury-cleared', details },
      makeId,
    )
    return ok(cleared)
  })
}

/** A child's injuries, newest first; `openOnly` leaves out cleared ones. */
export async function injuriesOf(
  db: ConsentLensDb,
  childId: string,
  openOnly = false,
): Promise<InjuryRecord[]> {
  const all = await db.injuries.where('childId').equals(childId).toArray()
  return all
    .filter((i) => !openOnly || i.clearedAt === null)
    .sort((a, b) => b.recordedAt.localeCompare(a.recordedAt))
}
