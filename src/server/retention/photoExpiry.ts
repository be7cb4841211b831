/**
 * How long one photo may be kept (pure: the clock is an argument). Each child in the photo and
 * each purpose it was taken for gives a date; the photo is kept until the latest of them, so a
 * photo with several children stays as long as any child's purpose still allows it.
 *
 * - learning journey and group photos: while the child attends; then `journeyMonthsAfterLeaving`
 *   after the leaving date. A photo of no child keeps these for the display period.
 * - display: `displayMonths` after it was taken.
 * - website, social media, publicity: until the latest end the parent agreed to: their
 *   approval of this photo for that child (publicity), or the end recorded with a use of the
 *   photo for that purpose (website, social); with none, `publicityMonthsWithoutApproval`
 *   after it was taken.
 *
 * Invariant: null means "no end yet" (a child still attends); such a photo is never past.
 */
import { purposeLabel, type Purpose } from '../../policy/index.ts'
import type { RetentionPolicy } from '../../protocol/index.ts'

export interface PhotoForRetention {
  takenAt: string
  childIds: readonly string[]
  purposes: readonly Purpose[]
}

export interface RetentionFacts {
  policy: RetentionPolicy
  /** Each child's leaving date (YYYY-MM-DD); absent or null: still attends. */
  leavingDate(childId: string): string | null
  /** The latest end of a parent's approval of this photo for this child; null: none. */
  approvalEnd(childId: string): string | null
  /** The latest `until` recorded with a use of this photo for this purpose; null: none. */
  useEnd(purpose: Purpose): string | null
}

export interface PhotoExpiry {
  /** Kept until then; null: no end yet. */
  keepUntil: string | null
  /** Why, in words, per purpose ("displays in the setting: 12 months after it was taken"). */
  why: string[]
}

const JOURNEY: ReadonlySet<Purpose> = new Set(['learning_journey', 'group_photo'])

/** `iso` plus `months` calendar months, in UTC, as ISO. */
export function addMonths(iso: string, months: number): string {
  const date = new Date(iso.length === 10 ? `${iso}T00:00:00.000Z` : iso)
  const day = date.getUTCDate()
  date.setUTCDate(1)
  date.setUTCMonth(date.getUTCMonth() + months)
  const last = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate()
  date.setUTCDate(Math.min(day, last))
  return date.toISOString()
}

function later(a: string | null, b: string | null): string | null {
  if (a === null || b === null) return null
  return a > b ? a : b
}

function untilFor(
  photo: PhotoForRetention,
  purpose: Purpose,
  childId: string | null,
  facts: RetentionFacts,
): { until: string | null; why: string } {
  const { policy } = facts
  const display = addMonths(photo.takenAt, policy.displayMonths)
  if (purpose === 'display' || (childId === null && JOURNEY.has(purpose))) {
    return { until: display, why: `${policy.displayMonths} months after it was taken` }
  }
  if (JOURNEY.has(purpose) && childId !== null) {
    const left = facts.leavingDate(childId)
    if (left === null) return { until: null, why: 'while the child attends' }
    const months = policy.journeyMonthsAfterLeaving
    return { until: addMonths(left, months), why: `${months} months after the child left` }
  }
  const ends = [childId === null ? null : facts.approvalEnd(childId), facts.useEnd(purpose)]
  const approved = ends.reduce<string | null>(
    (a, b) => (a === null ? b : b === null ? a : later(a, b)),
    null,
  )
  if (approved !== null) return { until: approved, why: 'until the end the parent agreed to' }
  const months = policy.publicityMonthsWithoutApproval
  return {
    until: addMonths(photo.takenAt, months),
    why: `${months} months after it was taken, with no approval`,
  }
}

export function photoExpiry(photo: PhotoForRetention, facts: RetentionFacts): PhotoExpiry {
  const children: (string | null)[] = photo.childIds.length === 0 ? [null] : [...photo.childIds]
  let keepUntil: string | null | undefined
  const why: string[] = []
  for (const purpose of photo.purposes) {
    let latest: { until: string | null; why: string } | undefined
    for (const childId of children) {
      const one = untilFor(photo, purpose, childId, facts)
      if (latest === undefined || later(one.until, latest.until) === one.until) latest = one
    }
    if (latest === undefined) continue
    keepUntil = keepUntil === undefined ? latest.until : later(keepUntil, latest.until)
    const end = latest.until === null ? '' : ` (${latest.until.slice(0, 10)})`
    why.push(`${purposeLabel(purpose)}: ${latest.why}${end}`)
  }
  if (keepUntil === undefined) {
    const months = facts.policy.displayMonths
    return {
      keepUntil: addMonths(photo.takenAt, months),
      why: [`${months} months after it was taken`],
    }
  }
  return { keepUntil, why }
}

/** Whether the photo is past its time at `now`. */
export function isPastRetention(expiry: PhotoExpiry, now: string): boolean {
  return expiry.keepUntil !== null && expiry.keepUntil <= now
}
