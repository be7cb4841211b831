/**
 * A pushed batch, applied in one transaction: each change at most once, in the order sent.
 *
 * Invariants:
 * - Exactly once: a change id already applied (or refused) is answered as before and changes
 *   nothing; its first answer is kept in `applied_changes` with the same transaction.
 * - The setting's row is locked first, so two pushes to one setting (say the same batch sent
 *   twice at once) run one after the other and the second sees the first's change ids.
 * - The photo reviews its consent records and injuries ask for (reviewChildPhotos.ts) run
 *   once per child after the last change, in the same transaction, so they commit with them.
 * - Every change carries its author's proof (proveActor.ts), checked before anything else; a
 *   change refused for a reason (no proof, no permission, a changed consent record) is final,
 *   reported, and audited with the actor it claimed; anything unexpected aborts the whole
 *   batch, which the device sends again.
 * - The records the batch's changes name (themselves, their children, their authors) are read
 *   in one statement first, and their writes, exactly-once rows and refusals' audit rows are
 *   written together (pushRecords.ts), as are new photos' rows: before the policy data is read
 *   (a photo's check), before the reviews, and so before commit. A later change reads an
 *   earlier one's record or photo from there, as if it were written (decision 0032).
 */
import type { Kysely, Transaction } from 'kysely'
import type { PushChange, PushResult } from '../../protocol/index.ts'
import type { AuthenticatedDevice } from '../auth/deviceAuth.ts'
import type { Database, EntityKind } from '../storage/schema.ts'
import { applyPhoto } from './applyPhoto.ts'
import { applyRecord } from './applyRecord.ts'
import type { ChangeContext, ChangeOutcome } from './changeContext.ts'
import type { CheckedProofs } from './checkProofs.ts'
import type { PolicyData, PolicyDataLoader } from './policyData.ts'
import { proveActor } from './proveActor.ts'
import { pushRecords, type PushRecords, type RecordKey } from './pushRecords.ts'
import { runReviews } from './reviewChildPhotos.ts'
import { withServerCopy } from './serverCopy.ts'

export async function applyPush(
  db: Kysely<Database>,
  device: AuthenticatedDevice,
  changes: readonly PushChange[],
  now: string,
  policyData: PolicyDataLoader,
  proofs: CheckedProofs = new Map(),
): Promise<PushResult[]> {
  return db
    .transaction()
    .execute((trx) => applyPushIn(trx, device, changes, now, policyData, proofs))
}

/**
 * `applyPush` inside a transaction the caller opened and commits: what the caller does after it
 * in that transaction (reading back what it wrote, say) commits with it or not at all.
 */
export async function applyPushIn(
  trx: Transaction<Database>,
  device: AuthenticatedDevice,
  changes: readonly PushChange[],
  now: string,
  policyData: PolicyDataLoader,
  proofs: CheckedProofs = new Map(),
): Promise<PushResult[]> {
  const settingId = device.settingId
  await trx
    .updateTable('settings')
    .set((eb) => ({ last_seq: eb.ref('last_seq') }))
    .where('id', '=', settingId)
    .execute()
  const earlier = await trx
    .selectFrom('applied_changes')
    .select(['change_id', 'status', 'error_code', 'error_message'])
    .where('setting_id', '=', settingId)
    .where(
      'change_id',
      'in',
      changes.map((c) => c.id),
    )
    .execute()
  const seen = new Map<string, PushResult>(earlier.map((row) => [row.change_id, replay(row)]))
  const records = pushRecords(trx, settingId, now)
  const ctx: ChangeContext = {
    trx,
    device,
    now,
    policyData: transactionData(records, () => policyData(trx, settingId)),
    reviews: new Map(),
    staff: new Map(),
    proofs,
    records,
  }
  const fresh = changes.filter((c) => !seen.has(c.id))
  await records.prefetch(fresh.flatMap(namedRecords))
  await records.prefetchPhotos(fresh.flatMap((c) => (c.kind === 'photo' ? [c.payload.id] : [])))
  const results: PushResult[] = []
  for (const change of changes) {
    const before = seen.get(change.id)
    if (before !== undefined) {
      results.push(await withServerCopy(ctx, change, before))
      continue
    }
    const proven = await proveActor(ctx, change)
    const outcome = !proven.ok
      ? proven.outcome
      : change.kind === 'photo'
        ? await applyPhoto(ctx, change.payload, proven.actor)
        : await applyRecord(ctx, change, proven.actor)
    record(ctx, change, outcome)
    // A person's record or PIN changed: later proofs read them afresh.
    if (change.kind === 'staff' || change.kind === 'staffPin') ctx.staff.clear()
    const result = toResult(change.id, outcome)
    seen.set(
      change.id,
      replay({ change_id: change.id, status: outcome.status, ...errorOf(outcome) }),
    )
    results.push(await withServerCopy(ctx, change, result))
  }
  await ctx.records.flush()
  await runReviews(ctx)
  return results
}

/**
 * The policy data as the transaction holds it: read once, and again only after a flush wrote
 * records it is made of (pushRecords.ts); waiting ones are written before it is read.
 */
function transactionData(
  records: PushRecords,
  load: () => Promise<PolicyData>,
): () => Promise<PolicyData> {
  let held: { version: number; data: Promise<PolicyData> } | undefined
  return async () => {
    if (records.policyRecordsWaiting()) await records.flush()
    const version = records.policyVersion()
    if (held?.version !== version) held = { version, data: load() }
    return held.data
  }
}

function errorOf(outcome: ChangeOutcome): {
  error_code: string | null
  error_message: string | null
} {
  return outcome.status === 'rejected'
    ? { error_code: outcome.code, error_message: outcome.message }
    : { error_code: null, error_message: null }
}

function toResult(id: string, outcome: ChangeOutcome): PushResult {
  return outcome.status === 'applied'
    ? { id, status: 'applied' }
    : { id, status: 'rejected', error: { code: outcome.code, message: outcome.message } }
}

/** The answer to a change id seen before: `duplicate` if it was applied, the refusal again if not. */
function replay(row: {
  change_id: string
  status: string
  error_code: string | null
  error_message: string | null
}): PushResult {
  if (row.status !== 'rejected') return { id: row.change_id, status: 'duplicate' }
  const error = { code: row.error_code ?? 'rejected', message: row.error_message ?? '' }
  return { id: row.change_id, status: 'rejected', error }
}

/** What applying a change reads from the setting's records: read together first. */
function namedRecords(change: PushChange): RecordKey[] {
  const keys: RecordKey[] = []
  const add = (kind: EntityKind, id: string) => keys.push({ kind, id })
  if (change.actorId != null) {
    add('staff', change.actorId)
    add('staffPin', change.actorId)
  }
  switch (change.kind) {
    case 'photo':
      break
    case 'consent':
      add('consent', change.payload.id)
      add('child', change.payload.childId)
      break
    case 'staffPin':
      add('staff', change.payload.id)
      break
    default:
      add(change.kind, change.payload.id)
  }
  return keys
}

function record(ctx: ChangeContext, change: PushChange, outcome: ChangeOutcome): void {
  const { device, now } = ctx
  ctx.records.applied({
    setting_id: device.settingId,
    change_id: change.id,
    device_id: device.id,
    kind: change.kind,
    status: outcome.status,
    ...errorOf(outcome),
    applied_at: now,
  })
  if (outcome.status === 'rejected') {
    ctx.records.audit({
      settingId: device.settingId,
      at: now,
      deviceId: device.id,
      staffId: change.actorId ?? null,
      type: 'change-refused',
      details: {
        changeId: change.id,
        kind: change.kind,
        entityId: change.payload.id,
        code: outcome.code,
      },
    })
  }
}
