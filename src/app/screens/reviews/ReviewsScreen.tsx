// "Consent reviews due" for the manager: overdue first (those grants already stop photos),
// then the next 30 days. A thin view over useReviewsScreen.
import { deniedMessage } from '../../../policy/index.ts'
import { ReviewList } from './ReviewList.tsx'
import { REVIEW_WINDOW_DAYS, useReviewsScreen } from './useReviewsScreen.ts'
import './ReviewsScreen.css'

export function ReviewsScreen() {
  const r = useReviewsScreen()
  return (
    <div className="reviews">
      <h1 className="screen-title">Consent reviews due</h1>
      <p className="reviews__intro">
        Parents review their photo consent every year. Ask them to sign a new form, then record it
        from the child’s page.
      </p>
      {!r.mayManage && <p>{deniedMessage('record-consent')}</p>}
      {r.mayManage && r.reviews === undefined && <p>Checking review dates…</p>}
      {r.reviews && (
        <>
          <ReviewList
            id="overdue-title"
            title="Overdue: no photos for these purposes until renewed"
            empty="No consent is past its review date."
            overdue
            items={r.reviews.overdue}
            onOpen={r.openChild}
          />
          <ReviewList
            id="soon-title"
            title={`Due in the next ${String(REVIEW_WINDOW_DAYS)} days`}
            empty={`No reviews fall due in the next ${String(REVIEW_WINDOW_DAYS)} days.`}
            overdue={false}
            items={r.reviews.dueSoon}
            onOpen={r.openChild}
          />
        </>
      )}
    </div>
  )
}
