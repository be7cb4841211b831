/**
 * A tag removed while the decision blocked on a child: the practitioner confirmed "Is <name>
 * definitely not in this photo?". Removing a tag is the one way round a block, so the audit
 * keeps who said so, when, about which child, and what was blocking at the time.
 */
import type { Decision, Iso } from '../policy/index.ts'
import { appendAudit } from './auditLog.ts'
import { decisionDetails, type CaptureDraft } from './captureDraft.ts'
import type { ConsentLensDb } from './ConsentLensDb.ts'
import { newId, type NewId } from './newId.ts'

export async function recordTagRemoval(
  db: ConsentLensDb,
  removal: { draft: CaptureDraft; decision: Decision; childId: string },
  staffId: string,
  now: Iso,
  makeId: NewId = newId,
): Promise<void> {
  const details = {
    ...decisionDetails(removal.draft, removal.decision),
    removedChildId: removal.childId,
    confirmed: 'not in this photo',
  }
  await db.transaction('rw', [db.audit, db.device], async () => {
    await appendAudit(db, { at: now, staffId, type: 'capture-tag-removed', details }, makeId)
  })
}
