// Consent reviews for the manager: grants past their review date (they no longer allow
// photos) and those due in the next 30 days, live, each opening the child's page.
import { useLiveQuery } from 'dexie-react-hooks'
import { reviewsDue } from '../../../db/index.ts'
import { nowIso } from '../../data/clock.ts'
import { useDb } from '../../data/DbContext.tsx'
import { usePermission } from '../../session/usePermission.ts'
import { useNavigation } from '../../session/WorkspaceContext.tsx'
import { groupReviews } from './groupReviews.ts'

export const REVIEW_WINDOW_DAYS = 30

export function useReviewsScreen() {
  const db = useDb()
  const goTo = useNavigation((s) => s.goTo)
  const mayManage = usePermission('record-consent')
  const reviews = useLiveQuery(async () => {
    if (!mayManage) return null
    const due = await reviewsDue(db, nowIso(), REVIEW_WINDOW_DAYS)
    return { overdue: groupReviews(due.overdue), dueSoon: groupReviews(due.dueSoon) }
  }, [db, mayManage])
  return {
    mayManage,
    reviews,
    openChild: (childId: string) => {
      goTo({ name: 'child', childId })
    },
  }
}
