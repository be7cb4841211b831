/**
 * A batch of one device's audit events, verified on arrival against the chain the server
 * holds for it (src/audit verifyChain, continuing from the stored head), then stored.
 *
 * Invariants:
 * - Nothing that arrives is lost: events that verify join the chain; events of a batch that
 *   does not verify join it flagged with the problem; a second, different copy of a seq, or an
 *   event naming another device, is kept in device_audit_flagged.
 * - A problem is recorded for the manager (audit_chain_problems, once, and the server's own
 *   audit) and answered as `status: 'problem'`: never a refusal, so the device keeps working.
 * - Exactly once: a seq the server holds with the same content is a duplicate and changes
 *   nothing. The setting's row is locked first, so the same batch sent twice at once is
 *   stored once.
 */
import type { Kysely } from 'kysely'
import { canonicalJson, verifyChain, type ChainProblem } from '../../audit/index.ts'
import type { AuditEventWire, AuditPushResponse, ChainHead } from '../../protocol/index.ts'
import type { AuthenticatedDevice } from '../auth/deviceAuth.ts'
import { appendServerAudit } from '../serverAudit.ts'
import type { Database } from '../storage/schema.ts'
import {
  chainHead,
  insertChainEvent,
  insertFlagged,
  recordChainProblem,
  storedEvents,
} from './chainStore.ts'

type Trx = Kysely<Database>

export async function receiveAudit(
  db: Kysely<Database>,
  device: AuthenticatedDevice,
  events: readonly AuditEventWire[],
  now: string,
): Promise<AuditPushResponse> {
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('settings')
      .set((eb) => ({ last_seq: eb.ref('last_seq') }))
      .where('id', '=', device.settingId)
      .execute()
    const head = await chainHead(trx, device)
    const own = events.filter((e) => e.deviceId === device.id)
    const known = own.filter((e) => head !== null && e.seq <= head.seq)
    const fresh = own.filter((e) => head === null || e.seq > head.seq)
    const problems = [
      ...(await keepForeign(trx, device, events, now)),
      ...(await compareKnown(trx, device, known, now)),
    ]
    const freshProblem = await storeFresh(trx, device, fresh, head, now)
    if (freshProblem !== null) problems.push(freshProblem)
    for (const problem of problems) await report(trx, device, problem, now)
    const acknowledged = await chainHead(trx, device)
    const first = problems[0]
    if (first !== undefined) return { ok: true, status: 'problem', acknowledged, problem: first }
    return { ok: true, status: fresh.length === 0 ? 'duplicate' : 'accepted', acknowledged }
  })
}

/** Events naming another device never join this device's chain: kept apart, reported. */
async function keepForeign(
  trx: Trx,
  device: AuthenticatedDevice,
  events: readonly AuditEventWire[],
  now: string,
): Promise<ChainProblem[]> {
  const foreign = events.filter((e) => e.deviceId !== device.id)
  for (const event of foreign) await insertFlagged(trx, device, event, 'wrong-device', now)
  const first = foreign[0]
  if (first === undefined) return []
  const message = `Event ${first.seq} sent by this tablet belongs to another tablet (${first.deviceId}).`
  return [{ code: 'wrong-device', seq: first.seq, message }]
}

/** Seqs the server holds already: the same content is a replay; anything else an edit. */
async function compareKnown(
  trx: Trx,
  device: AuthenticatedDevice,
  known: readonly AuditEventWire[],
  now: string,
): Promise<ChainProblem[]> {
  const stored = await storedEvents(
    trx,
    device,
    known.map((e) => e.seq),
  )
  const problems: ChainProblem[] = []
  for (const event of known) {
    const copy = stored.get(event.seq)
    if (copy !== undefined && canonicalJson(copy) === canonicalJson(event)) continue
    await insertFlagged(trx, device, event, 'edited', now)
    const message = `Event ${event.seq} differs from the copy the server received earlier: it was changed after it was sent.`
    problems.push({ code: 'edited', seq: event.seq, message })
  }
  return problems.slice(0, 1)
}

/** Verifies the new events from the stored head and stores them, flagged if they fail. */
async function storeFresh(
  trx: Trx,
  device: AuthenticatedDevice,
  fresh: readonly AuditEventWire[],
  head: ChainHead | null,
  now: string,
): Promise<ChainProblem | null> {
  if (fresh.length === 0) return null
  const verdict = verifyChain(fresh, {
    deviceId: device.id,
    ...(head === null ? {} : { from: head }),
  })
  const problem = verdict.ok ? null : verdict.problem
  const placed = new Set<number>()
  for (const event of fresh) {
    if (placed.has(event.seq)) {
      await insertFlagged(trx, device, event, problem?.code ?? 'inserted', now)
      continue
    }
    placed.add(event.seq)
    await insertChainEvent(trx, device, event, problem?.code ?? null, now)
  }
  return problem
}

async function report(
  trx: Trx,
  device: AuthenticatedDevice,
  problem: ChainProblem,
  now: string,
): Promise<void> {
  const isNew = await recordChainProblem(trx, device, problem, now)
  if (!isNew) return
  await appendServerAudit(trx, {
    settingId: device.settingId,
    at: now,
    deviceId: device.id,
    staffId: null,
    type: 'audit-chain-problem',
    details: { code: problem.code, seq: problem.seq, message: problem.message },
  })
}
