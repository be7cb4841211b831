/**
 * Sends the outbox to the server, oldest first, in batches, and deletes each entry the server
 * answered for (applied, already applied, or refused for good). A refusal is kept on the tablet
 * and the local record made to agree with the server's (keepRefusals.ts).
 *
 * Invariants:
 * - An entry leaves the outbox only after the server's answer names its id.
 * - An entry the protocol cannot carry (its record fails validation) stays in the outbox and
 *   is reported; it never blocks the entries behind it.
 * - Refusals are reported in words, so the manager can act on them.
 * - `onAnswered` hears of each batch's answered entries (by id) as soon as the answer names
 *   them, before they are deleted, so a photo's upload can start while the entries are deleted
 *   and the next batch is pushed (detailsGate.ts). The server holds an answered change: an
 *   entry that a crash leaves in the outbox is pushed again and answered as already applied.
 */
import type { ConsentLensDb, OutboxEntry } from '../db/index.ts'
import { MAX_PUSH_CHANGES, PushChangeSchema, type PushChange } from '../protocol/index.ts'
import type { Iso } from '../policy/index.ts'
import { keepRefusals, type RefusedChange } from './keepRefusals.ts'
import type { SyncApi, SyncError } from './syncApi.ts'

export interface PushReport {
  sent: number
  refused: { entityId: string; kind: string; message: string }[]
  unsendable: { entityId: string; kind: string; message: string }[]
}

export type PushOutcome = { ok: true; value: PushReport } | { ok: false; error: SyncError }

const BATCH = 100

/**
 * The first batch is small and each next one twice the last, up to BATCH: photos go up as
 * soon as their details are answered (syncOnce.ts). With 100 at once, a morning's 200 photos
 * waited ~200 ms for the first answer, and the uploads then ran dry waiting for the next 100.
 */
export const FIRST_BATCH = 20

function toChange(
  entry: OutboxEntry,
): { ok: true; change: PushChange } | { ok: false; message: string } {
  const parsed = PushChangeSchema.safeParse({
    id: entry.id,
    kind: entry.kind,
    createdAt: entry.createdAt,
    actorId: entry.actorId ?? null,
    proof: entry.proof,
    payload: entry.payload,
  })
  if (parsed.success) return { ok: true, change: parsed.data }
  return {
    ok: false,
    message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
  }
}

export async function pushOutbox(
  db: ConsentLensDb,
  api: SyncApi,
  settingId: string,
  now: () => Iso = () => new Date().toISOString(),
  onAnswered: (entryIds: string[]) => void = () => undefined,
): Promise<PushOutcome> {
  const report: PushReport = { sent: 0, refused: [], unsendable: [] }
  let after = 0
  let size = FIRST_BATCH
  for (;;) {
    const entries = await db.outbox
      .where('seq')
      .above(after)
      .limit(Math.min(size, BATCH, MAX_PUSH_CHANGES))
      .toArray()
    size *= 2
    if (entries.length === 0) return { ok: true, value: report }
    after = entries.at(-1)?.seq ?? after
    const changes: PushChange[] = []
    const seqOf = new Map<string, OutboxEntry>()
    for (const entry of entries) {
      const made = toChange(entry)
      if (made.ok) {
        changes.push(made.change)
        seqOf.set(entry.id, entry)
      } else
        report.unsendable.push({
          entityId: entry.entityId,
          kind: entry.kind,
          message: made.message,
        })
    }
    if (changes.length === 0) continue
    const answer = await api.push(settingId, changes)
    if (!answer.ok) return answer
    const done: number[] = []
    const answered: string[] = []
    const refused: RefusedChange[] = []
    for (const result of answer.value.results) {
      const entry = seqOf.get(result.id)
      if (entry === undefined) continue
      if (result.status === 'rejected') {
        refused.push({ entry, result })
        report.refused.push({
          entityId: entry.entityId,
          kind: entry.kind,
          message: result.error?.message ?? 'Refused by the server.',
        })
      } else {
        done.push(entry.seq)
        answered.push(entry.id)
        report.sent += 1
      }
    }
    // The server holds what it answered for: the photos' uploads may start while the entries
    // are deleted here (an entry a crash leaves behind is pushed again and answered at once).
    onAnswered(answered)
    await keepRefusals(db, refused, now())
    await db.outbox.bulkDelete(done)
  }
}
