/**
 * Consents whose annual review is overdue or coming up, for the manager's reminders.
 *
 * Invariants:
 * - The review date is the policy's effective one (explicit, else 12 calendar months after
 *   recording), taken from the deciding head, so this list and the capture block agree.
 * - Only current grants with parental responsibility are listed: a refusal or withdrawal
 *   needs no renewal, and a grant without parental responsibility needs a new form, not a
 *   review. Children who have left by `now` are not listed.
 */
import {
  PURPOSES,
  effectiveConsent,
  type GivenBy,
  type Iso,
  type Purpose,
} from '../policy/index.ts'
import type { ConsentLensDb } from './ConsentLensDb.ts'
import { consentOnlyContext } from './consentHeads.ts'
import { hasLeft } from './rosterQueries.ts'

const DAY_MS = 86_400_000

export interface ReviewItem {
  childId: string
  childName: string
  purpose: Purpose
  reviewDue: Iso
  givenBy: GivenBy
  recordId: string
}

export interface ReviewsDue {
  /** Past the review date: these grants no longer allow photos. */
  overdue: ReviewItem[]
  /** Due within the window: ask the parent before the date. */
  dueSoon: ReviewItem[]
}

export { hasLeft }

export async function reviewsDue(db: ConsentLensDb, now: Iso, days = 30): Promise<ReviewsDue> {
  const [children, consents] = await db.transaction('r', [db.children, db.consents], () =>
    Promise.all([db.children.toArray(), db.consents.toArray()]),
  )
  const context = consentOnlyContext(consents, now)
  const horizonMs = Date.parse(now) + days * DAY_MS
  const result: ReviewsDue = { overdue: [], dueSoon: [] }
  for (const child of children) {
    if (hasLeft(child, now)) continue
    for (const purpose of PURPOSES) {
      const current = effectiveConsent(context, child.id, purpose)
      const { record, reviewDue } = current
      if (record === null || reviewDue === null) continue
      const item: ReviewItem = {
        childId: child.id,
        childName: `${child.firstName} ${child.lastName}`,
        purpose,
        reviewDue,
        givenBy: record.givenBy,
        recordId: record.id,
      }
      if (current.status === 'expired') result.overdue.push(item)
      else if (current.status === 'valid' && Date.parse(reviewDue) < horizonMs) {
        result.dueSoon.push(item)
      }
    }
  }
  const byDate = (a: ReviewItem, b: ReviewItem): number => a.reviewDue.localeCompare(b.reviewDue)
  return { overdue: result.overdue.sort(byDate), dueSoon: result.dueSoon.sort(byDate) }
}
