/**
 * When a consent record or an injury of a child reaches the server, its photos are looked at
 * again:
 * - a photo taken at or after the record's time is re-checked by the policy engine and
 *   quarantined if it now fails (say a withdrawal made offline on another iPad before it);
 * - docs/RULES.md "After capture": a withdrawal flags every photo of that child used for that
 *   purpose for removal, on the server and, through `photoStatus`, on every device. The photos
 *   taken before the child's records are only flagged: they are owed their flags here
 *   (withdrawalFlags.ts `oweFlags`), and the next transaction writes them, so that the
 *   withdrawal commits and reaches the other tablets without waiting for them (decision 0041).
 *
 * The records of one push transaction ask for their reviews (`askReview`) and the push runs
 * them once per child, just before it commits (`runReviews`): a child's photos are read and
 * re-checked once against the transaction's final data, from the earliest record's time, not
 * once for every record (a withdrawal of five purposes is five records).
 *
 * Invariants: a quarantine or a flag is only ever added here, never lifted; deleted and
 * quarantined photos are left alone; flags are keyed by child and purposes, so a repeated
 * withdrawal adds nothing; the reviews, and the flags owed, commit with the records that asked
 * for them.
 */
import type { ConsentWire } from '../../protocol/index.ts'
import type { ChangeContext, PendingReview } from './changeContext.ts'
import { checkPhoto } from './checkPhoto.ts'
import type { PolicyData } from './policyData.ts'
import {
  flagsOf,
  metaOf,
  photosOfChildren,
  updatePhotoStatuses,
  withWithdrawalFlags,
  type PhotoRow,
  type PhotoRowChange,
} from './photoRows.ts'
import { oweFlags, type OwedFlags } from './withdrawalFlags.ts'

/** A record of the child arrived: its photos are reviewed before the transaction commits. */
export function askReview(
  ctx: ChangeContext,
  childId: string,
  since: string,
  withdrawal: ConsentWire | null,
): void {
  const sinceMs = Date.parse(since)
  const pending = ctx.reviews.get(childId)
  if (pending === undefined) {
    ctx.reviews.set(childId, { sinceMs, withdrawals: withdrawal === null ? [] : [withdrawal] })
    return
  }
  pending.sinceMs = Math.min(pending.sinceMs, sinceMs)
  if (withdrawal !== null) pending.withdrawals.push(withdrawal)
}

/**
 * Runs every review asked for in this transaction, one per child: the children's photos read
 * in one statement, the policy data and the devices once, every change written together. A
 * photo of two children reviewed for both is reviewed the second time as the first left it.
 */
export async function runReviews(ctx: ChangeContext): Promise<void> {
  if (ctx.reviews.size === 0) return
  const settingId = ctx.device.settingId
  const photos = await photosOfChildren(ctx.trx, settingId, [...ctx.reviews.keys()])
  // A photo's row as this push's reviews left it, and everything they changed in it.
  const updated = new Map<string, { row: PhotoRow; change: PhotoRowChange }>()
  let checks: Checks | undefined
  const owed: OwedFlags[] = []
  for (const [childId, pending] of ctx.reviews) {
    let owes = false
    for (const read of photos.get(childId) ?? []) {
      const row = updated.get(read.id)?.row ?? read
      if (row.quarantined_at !== null) continue
      // Photos taken before the records only get a withdrawal's flags: owed, written next.
      if (Date.parse(row.taken_at) < pending.sinceMs) {
        owes ||= pending.withdrawals.length > 0
        continue
      }
      checks ??= await readChecks(ctx)
      const change = reviewPhoto(ctx, childId, pending, row, checks)
      if (change === null) continue
      const earlier = updated.get(row.id)?.change
      updated.set(row.id, { row: { ...row, ...change }, change: { ...earlier, ...change } })
    }
    if (owes) {
      owed.push({
        childId,
        takenBefore: new Date(pending.sinceMs).toISOString(),
        withdrawals: pending.withdrawals.map((w) => ({
          purpose: w.purpose,
          recordedAt: w.recordedAt,
        })),
      })
    }
  }
  ctx.reviews.clear()
  await updatePhotoStatuses(ctx.trx, settingId, [...updated.values()], ctx.now)
  await oweFlags(ctx.trx, settingId, owed, ctx.now)
}

/** What a re-check needs besides the photo: the transaction's policy data, revoked devices. */
interface Checks {
  data: PolicyData
  revokedAt: Map<string, string | null>
}

async function readChecks(ctx: ChangeContext): Promise<Checks> {
  const settingId = ctx.device.settingId
  const data = await ctx.policyData()
  const devices = await ctx.trx
    .selectFrom('devices')
    .select(['id', 'revoked_at'])
    .where('setting_id', '=', settingId)
    .execute()
  return { data, revokedAt: new Map(devices.map((d) => [d.id, d.revoked_at])) }
}

/** The change one child's records make to one of its photos, or null for none. */
function reviewPhoto(
  ctx: ChangeContext,
  childId: string,
  pending: PendingReview,
  row: PhotoRow,
  checks: Checks,
): PhotoRowChange | null {
  const meta = metaOf(row)
  if (meta.deleted !== null) return null
  const takenMs = Date.parse(meta.takenAt)
  const change: PhotoRowChange = {}
  if (takenMs >= pending.sinceMs) {
    const device = { id: row.device_id, revokedAt: checks.revokedAt.get(row.device_id) ?? null }
    const check = checkPhoto(meta, checks.data, device)
    if (check.quarantined) {
      change.quarantined_at = ctx.now
      change.quarantine_rules = JSON.stringify(check.rules)
      change.quarantine_message = check.message
    }
  }
  // A withdrawal flags the photos it did not quarantine: those taken before it, and any
  // that still pass (as applyPhoto flags a photo that arrives after its withdrawal).
  const flagging =
    change.quarantined_at === undefined
      ? pending.withdrawals
      : pending.withdrawals.filter((w) => takenMs < Date.parse(w.recordedAt))
  const before = flagsOf(row)
  const after = withWithdrawalFlags(before, childId, meta.purposes, flagging)
  if (after !== before) change.flags = JSON.stringify(after)
  return Object.keys(change).length > 0 ? change : null
}
