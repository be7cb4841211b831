/**
 * A capture the policy blocked and the practitioner gave up (Discard, or left the screen):
 * an audit event saying who, when, where and which rules. No image, no caption: a blocked
 * photo leaves nothing on the tablet but this line.
 */
import type { Decision, Iso } from '../policy/index.ts'
import { appendAudit } from './auditLog.ts'
import { decisionDetails, type CaptureDraft } from './captureDraft.ts'
import type { ConsentLensDb } from './ConsentLensDb.ts'
import { newId, type NewId } from './newId.ts'

export async function recordBlockedAttempt(
  db: ConsentLensDb,
  draft: CaptureDraft,
  decision: Decision,
  staffId: string,
  now: Iso,
  makeId: NewId = newId,
): Promise<void> {
  const details = { ...decisionDetails(draft, decision), stage: 'discarded' }
  await db.transaction('rw', [db.audit, db.device], async () => {
    await appendAudit(db, { at: now, staffId, type: 'capture-blocked', details }, makeId)
  })
}
