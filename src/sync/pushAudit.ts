/**
 * Sends this device's audit chain to the server, in seq order, starting after the last event
 * the server acknowledged (kept in the sync state, `auditAck`), in batches.
 *
 * Invariants:
 * - Exactly once: the acknowledgement is saved only from the server's answer, and the server
 *   answers a batch it already holds as a duplicate; a lost answer means the batch is sent
 *   again and changes nothing.
 * - Only this device's own chain is sent (events written before enrolment carry another
 *   device id and stay here).
 * - Only a revoked device fails the round; any other failure to send the audit is reported and
 *   photos and changes still go (the audit waits on the device, complete, for the next round).
 * - A chain problem the server found is not a failure: it is reported, the manager is told by
 *   the server, and sync goes on. A round stops when the server's acknowledgement no longer
 *   moves, so a batch it cannot place is never sent in a loop.
 */
import type { ConsentLensDb } from '../db/index.ts'
import { MAX_AUDIT_EVENTS, type AuditEventWire } from '../protocol/index.ts'
import type { SyncApi, SyncError } from './syncApi.ts'
import type { Enrolment, SyncStateDb } from './syncStateDb.ts'

export interface AuditPushReport {
  sent: number
  /** What the server found wrong with this device's chain, if it did. */
  problem: { code: string; seq: number; message: string } | null
  /** Why sending stopped early (offline, an older server): the rest goes next round. */
  error: SyncError | null
}

export type AuditPushOutcome =
  { ok: true; value: AuditPushReport } | { ok: false; error: SyncError }

export async function pushAudit(
  db: ConsentLensDb,
  state: SyncStateDb,
  api: SyncApi,
  enrolment: Enrolment,
): Promise<AuditPushOutcome> {
  const { deviceId, settingId } = enrolment
  const report: AuditPushReport = { sent: 0, problem: null, error: null }
  let after = enrolment.auditAck?.seq ?? 0
  for (;;) {
    const events: AuditEventWire[] = await db.audit
      .where('[deviceId+seq]')
      .between([deviceId, after + 1], [deviceId, Infinity])
      .limit(MAX_AUDIT_EVENTS)
      .toArray()
    if (events.length === 0) return { ok: true, value: report }
    const answer = await api.pushAudit(settingId, events)
    if (!answer.ok) {
      if (answer.error.code === 'device_revoked') return answer
      return { ok: true, value: { ...report, error: answer.error } }
    }
    const { acknowledged, problem } = answer.value
    report.problem ??= problem ?? null
    await state.state.update('enrolment', { auditAck: acknowledged })
    const reached = acknowledged?.seq ?? 0
    if (reached <= after) return { ok: true, value: report }
    report.sent += events.filter((e) => e.seq > after && e.seq <= reached).length
    after = reached
  }
}
