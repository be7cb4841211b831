// One list of reviews (overdue, or due soon): each child with the purposes, the date and who
// signed last time, so the manager knows whom to ask. The child's name opens their page.
import { purposeList } from '../../../policy/index.ts'
import { ConsentIcon } from '../../components/ConsentIcon.tsx'
import { formatDay } from '../../components/formatDate.ts'
import type { ChildReview } from './groupReviews.ts'

type Props = {
  id: string
  title: string
  empty: string
  overdue: boolean
  items: ChildReview[]
  onOpen: (childId: string) => void
}

export function ReviewList({ id, title, empty, overdue, items, onOpen }: Props) {
  return (
    <section className="card reviews__section" aria-labelledby={id}>
      <h2 id={id} className={`reviews__title reviews__title--${overdue ? 'overdue' : 'soon'}`}>
        <ConsentIcon shape={overdue ? 'exclamation' : 'dash'} />
        <span>
          {title} ({items.length})
        </span>
      </h2>
      {items.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <ul className="reviews__list">
          {items.map((item) => (
            <li key={item.childId} className="reviews__item">
              <button
                type="button"
                className="reviews__child"
                onClick={() => {
                  onOpen(item.childId)
                }}
              >
                {item.childName}
              </button>
              <span className="reviews__date">
                {overdue ? 'Was due' : 'Due'} {formatDay(item.reviewDue)}
              </span>
              <span className="reviews__what">
                For {purposeList(item.purposes)}. Last signed by {item.givenBy.name}
                {item.givenBy.relationship === '' ? '' : ` (${item.givenBy.relationship})`}.
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
