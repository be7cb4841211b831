/**
 * The manager marks a child as left, with the date: the child's record gets its
 * `leavingDate` (a new version, sent to the server like any roster change), and the server's
 * retention schedule does the rest (the learning journey is kept the months the manager set
 * after that date). A date cleared (null) says the child attends again.
 *
 * Invariants: the manager's alone (`manage-roster`); the record, its outbox entry and the
 * audit event `child-left` are in one transaction.
 */
import { nextVersion } from '../protocol/index.ts'
import type { Iso } from '../policy/index.ts'
import { appendAudit } from './auditLog.ts'
import { authoriseChange, type ActorRef } from './authorise.ts'
import type { ConsentLensDb } from './ConsentLensDb.ts'
import { newId, type NewId } from './newId.ts'
import { enqueueOutbox } from './outbox.ts'
import type { Child } from '../model/records.ts'

export type MarkLeftResult =
  | { ok: true; value: Child }
  | { ok: false; error: { code: 'not-permitted' | 'not-found' | 'invalid'; message: string } }

const DAY = /^\d{4}-\d{2}-\d{2}$/

export async function markChildLeft(
  db: ConsentLensDb,
  request: { childId: string; leavingDate: string | null },
  actor: ActorRef,
  now: Iso,
  makeId: NewId = newId,
): Promise<MarkLeftResult> {
  const { leavingDate } = request
  if (leavingDate !== null && (!DAY.test(leavingDate) || Number.isNaN(Date.parse(leavingDate)))) {
    const message = 'Give the leaving date as a day, for example 2026-07-24.'
    return { ok: false, error: { code: 'invalid', message } }
  }
  return db.transaction(
    'rw',
    ['children', 'staff', 'outbox', 'audit', 'device'],
    async (): Promise<MarkLeftResult> => {
      const allowed = await authoriseChange(db, actor, 'manage-roster')
      if (!allowed.ok) return allowed
      const child = await db.children.get(request.childId)
      if (child === undefined) {
        const message = 'This child is not on this tablet’s roster. Sync, then try again.'
        return { ok: false, error: { code: 'not-found', message } }
      }
      const updated: Child = { ...child, leavingDate, ...nextVersion(child, now) }
      await db.children.put(updated)
      const signer = allowed.value.signer
      await enqueueOutbox(db, { kind: 'child', payload: updated, actor: signer }, now, makeId)
      await appendAudit(
        db,
        {
          at: now,
          staffId: allowed.value.id,
          type: 'child-left',
          details: { childId: child.id, leavingDate, before: child.leavingDate },
        },
        makeId,
      )
      return { ok: true, value: updated }
    },
  )
}
