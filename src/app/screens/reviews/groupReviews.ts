// Reviews by child: one line per child with every purpose due and the earliest date, as the
// manager asks one parent about one form, not seven separate purposes. Pure.
import type { ReviewItem } from '../../../db/index.ts'
import type { GivenBy, Purpose } from '../../../policy/index.ts'

export interface ChildReview {
  childId: string
  childName: string
  purposes: Purpose[]
  /** The earliest review date among the purposes. */
  reviewDue: string
  givenBy: GivenBy
}

export function groupReviews(items: readonly ReviewItem[]): ChildReview[] {
  const byChild = new Map<string, ChildReview>()
  for (const item of items) {
    const found = byChild.get(item.childId)
    if (found === undefined) {
      byChild.set(item.childId, {
        childId: item.childId,
        childName: item.childName,
        purposes: [item.purpose],
        reviewDue: item.reviewDue,
        givenBy: item.givenBy,
      })
    } else {
      found.purposes.push(item.purpose)
      if (item.reviewDue < found.reviewDue) found.reviewDue = item.reviewDue
    }
  }
  return [...byChild.values()].sort((a, b) => a.reviewDue.localeCompare(b.reviewDue))
}
