// The consent reviews overdue and due soon, by child: one live query that Home (its tile and
// its alert) and the reviews page both read, so they always give the same number: children,
// as the page lists one line per child (one parent, one form), never purposes.
import { useLiveQuery } from 'dexie-react-hooks'
import { reviewsDue } from '../../../db/index.ts'
import { nowIso } from '../../data/clock.ts'
import { useDb } from '../../data/DbContext.tsx'
import { groupReviews, type ChildReview } from './groupReviews.ts'

export const REVIEW_WINDOW_DAYS = 30

export type ConsentReviews = { overdue: ChildReview[]; dueSoon: ChildReview[] }

/** Null when the person may not manage consent (nothing is read), undefined while reading. */
export function useConsentReviews(mayManage: boolean): ConsentReviews | null | undefined {
  const db = useDb()
  return useLiveQuery(async () => {
    if (!mayManage) return null
    const due = await reviewsDue(db, nowIso(), REVIEW_WINDOW_DAYS)
    return { overdue: groupReviews(due.overdue), dueSoon: groupReviews(due.dueSoon) }
  }, [db, mayManage])
}
