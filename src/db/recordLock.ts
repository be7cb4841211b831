/**
 * The tablet locked itself (idle) or someone tapped "Switch user": an audit event, so the
 * manager can see who had the tablet when. Nothing else changes: a lock keeps all work.
 */
import type { Iso } from '../policy/index.ts'
import { appendAudit } from './auditLog.ts'
import type { ConsentLensDb } from './ConsentLensDb.ts'

export type LockCause = 'idle' | 'switch-user'

export async function recordLock(
  db: ConsentLensDb,
  staffId: string,
  cause: LockCause,
  now: Iso,
): Promise<void> {
  await db.transaction('rw', [db.audit, db.device], async () => {
    await appendAudit(db, { at: now, staffId, type: 'locked', details: { cause } })
  })
}
