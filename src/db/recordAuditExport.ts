/**
 * An export of the daily audit is itself an audit event ('audit-exported'): who took the
 * setting's record of children's photos off the tablet, when, which day, in which format, and
 * the chain's head at that moment (the same seal the PDF prints).
 *
 * Invariant: only someone who may see the audit (the manager, `view-audit`) can export it;
 * the event is written before the file is handed over, so no export goes unrecorded.
 */
import type { Iso } from '../policy/index.ts'
import { appendAudit } from './auditLog.ts'
import { authorise, type ActorRef } from './authorise.ts'
import type { ConsentLensDb } from './ConsentLensDb.ts'
import { newId, type NewId } from './newId.ts'
import { ok, type Result } from './result.ts'

export interface AuditExport {
  format: 'csv' | 'pdf'
  day: string
  fileName: string
  rows: number
  /** The chain's last event when the export was made; null for an empty chain. */
  head: { seq: number; hash: string } | null
}

export async function recordAuditExport(
  db: ConsentLensDb,
  exported: AuditExport,
  actor: ActorRef,
  now: Iso,
  makeId: NewId = newId,
): Promise<Result<null, 'not-permitted'>> {
  return db.transaction('rw', [db.staff, db.audit, db.device], async () => {
    const allowed = await authorise(db, actor, 'view-audit')
    if (!allowed.ok) return allowed
    const details = {
      format: exported.format,
      day: exported.day,
      fileName: exported.fileName,
      rows: exported.rows,
      headSeq: exported.head?.seq ?? null,
      headHash: exported.head?.hash ?? null,
    }
    await appendAudit(db, { at: now, staffId: actor.id, type: 'audit-exported', details }, makeId)
    return ok(null)
  })
}
