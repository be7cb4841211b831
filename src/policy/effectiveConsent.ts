/**
 * Effective consent of one child for one purpose at one moment, from the append-only history.
 *
 * Invariants (docs/RULES.md, "Consent model"):
 * - The heads are the records no other record supersedes. One head: it is current.
 * - Several heads are concurrent edits; the most restrictive wins
 *   (withdrawn > refused > granted), so a grant never overrides a refusal it did not see.
 *   Among grants, one that is not valid (no parental responsibility, past review) is more
 *   restrictive than a valid one.
 * - A grant is valid only from someone with parental responsibility and strictly before its
 *   review date (default 12 calendar months after it was recorded).
 */
import { addCalendarMonthsMs, toIso, toMs } from './calendar.ts'
import type { ConsentRecord, GivenBy, Iso, Purpose } from './schema.ts'
import type { RuleId } from './rules.ts'

export type EffectiveStatus =
  'valid' | 'missing' | 'refused' | 'withdrawn' | 'expired' | 'no_parental_responsibility'

export interface EffectiveConsent {
  childId: string
  purpose: Purpose
  status: EffectiveStatus
  valid: boolean
  /** The rule a capture would break; null when valid. */
  rule: RuleId | null
  /** Why, in a practitioner's words. */
  reason: string
  /** The head that decides; null when there is no record. */
  record: ConsentRecord | null
  givenBy: GivenBy | null
  /** Effective review date of the deciding record (explicit, or 12 months after recording). */
  reviewDue: Iso | null
  /** More than one head: concurrent edits were made and the most restrictive one wins. */
  concurrentEdit: boolean
  /** Every record of this child and purpose, oldest first. */
  history: readonly ConsentRecord[]
}

/** Records of one child and purpose, prepared once: heads found, review dates parsed. */
export interface ConsentChain {
  history: readonly ConsentRecord[]
  heads: readonly HeadInfo[]
}

interface HeadInfo {
  record: ConsentRecord
  reviewDueMs: number
  recordedMs: number
}

export function reviewDueMs(record: ConsentRecord): number {
  return record.reviewDue === null
    ? addCalendarMonthsMs(toMs(record.recordedAt), 12)
    : toMs(record.reviewDue)
}

export function buildConsentChain(records: readonly ConsentRecord[]): ConsentChain {
  const history = [...records].sort(
    (a, b) => toMs(a.recordedAt) - toMs(b.recordedAt) || a.id.localeCompare(b.id),
  )
  const superseded = new Set<string>()
  for (const r of history) if (r.supersedes !== null) superseded.add(r.supersedes)
  const heads = history
    .filter((r) => !superseded.has(r.id))
    .map((record) => ({
      record,
      reviewDueMs: reviewDueMs(record),
      recordedMs: toMs(record.recordedAt),
    }))
  // A cycle (a supersedes b supersedes a) leaves no head; that is corrupt history, and the
  // safe reading is that nothing is current, so every record competes as a head.
  if (heads.length === 0 && history.length > 0) {
    return {
      history,
      heads: history.map((record) => ({
        record,
        reviewDueMs: reviewDueMs(record),
        recordedMs: toMs(record.recordedAt),
      })),
    }
  }
  return { history, heads }
}

/** Higher is more restrictive. */
const RESTRICTIVENESS: Record<EffectiveStatus, number> = {
  withdrawn: 5,
  refused: 4,
  no_parental_responsibility: 3,
  expired: 2,
  valid: 1,
  missing: 0,
}

function headStatus(head: HeadInfo, atMs: number): EffectiveStatus {
  const { status, givenBy } = head.record
  if (status !== 'granted') return status
  if (!givenBy.parentalResponsibility) return 'no_parental_responsibility'
  return atMs < head.reviewDueMs ? 'valid' : 'expired'
}

export interface ChainVerdict {
  status: EffectiveStatus
  head: HeadInfo | null
  /** A grant both without parental responsibility and past review breaks two rules. */
  alsoExpired: boolean
}

/** The deciding head at `atMs`: the most restrictive, then the latest, then by id. */
export function decideChain(chain: ConsentChain | undefined, atMs: number): ChainVerdict {
  if (chain === undefined || chain.heads.length === 0) {
    return { status: 'missing', head: null, alsoExpired: false }
  }
  let best: HeadInfo | null = null
  let bestStatus: EffectiveStatus = 'missing'
  for (const head of chain.heads) {
    const status = headStatus(head, atMs)
    const diff = RESTRICTIVENESS[status] - RESTRICTIVENESS[bestStatus]
    if (
      best === null ||
      diff > 0 ||
      (diff === 0 && head.recordedMs > best.recordedMs) ||
      (diff === 0 && head.recordedMs === best.recordedMs && head.record.id > best.record.id)
    ) {
      best = head
      bestStatus = status
    }
  }
  const alsoExpired =
    best !== null && bestStatus === 'no_parental_responsibility' && atMs >= best.reviewDueMs
  return { status: bestStatus, head: best, alsoExpired }
}

export const STATUS_RULE: Record<EffectiveStatus, RuleId | null> = {
  valid: null,
  missing: 'consent-missing',
  refused: 'consent-refused',
  withdrawn: 'consent-withdrawn',
  expired: 'consent-expired',
  no_parental_responsibility: 'consent-giver-lacks-parental-responsibility',
}

export function toEffectiveConsent(
  childId: string,
  purpose: Purpose,
  chain: ConsentChain | undefined,
  atMs: number,
  describe: (status: EffectiveStatus, record: ConsentRecord | null) => string,
): EffectiveConsent {
  const verdict = decideChain(chain, atMs)
  const record = verdict.head?.record ?? null
  return {
    childId,
    purpose,
    status: verdict.status,
    valid: verdict.status === 'valid',
    rule: STATUS_RULE[verdict.status],
    reason: describe(verdict.status, record),
    record,
    givenBy: record?.givenBy ?? null,
    reviewDue: verdict.head === null ? null : toIso(verdict.head.reviewDueMs),
    concurrentEdit: (chain?.heads.length ?? 0) > 1,
    history: chain?.history ?? [],
  }
}
