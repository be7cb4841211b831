// Consent reviews for the manager: grants past their review date (they no longer allow
// photos) and those due in the next 30 days, live, each opening the child's page.
import { usePermission } from '../../session/usePermission.ts'
import { useNavigation } from '../../session/WorkspaceContext.tsx'
import { useConsentReviews } from './useConsentReviews.ts'

export { REVIEW_WINDOW_DAYS } from './useConsentReviews.ts'

export function useReviewsScreen() {
  const goTo = useNavigation((s) => s.goTo)
  const mayManage = usePermission('record-consent')
  const reviews = useConsentReviews(mayManage)
  return {
    mayManage,
    reviews,
    openChild: (childId: string) => {
      goTo({ name: 'child', childId })
    },
  }
}
