// Home's state: every tile of the table in homeTiles.ts, each allowed or not by the roles
// table, the ones this person may use first; and for whoever may see them, how many children's
// consent reviews need attention (the reviews page's own query, so the same count) and the
// alerts. A job they may not do is shown with why, not hidden.
import { deniedMessage } from '../../../policy/index.ts'
import type { Screen } from '../../navigation/screens.ts'
import { permitted } from '../../session/usePermission.ts'
import { useCurrentStaff, useNavigation } from '../../session/WorkspaceContext.tsx'
import { useManagerAlerts, useMarkRefusalsSeen } from '../alerts/useManagerAlerts.ts'
import { REVIEW_WINDOW_DAYS, useConsentReviews } from '../reviews/useConsentReviews.ts'
import { HOME_TILES, type HomeTileId } from './homeTiles.ts'

export type HomeTile = {
  id: HomeTileId
  label: string
  detail: string
  screen: Screen
  /** Why this person cannot use it; null when they can. */
  denied: string | null
}

export function useHomeScreen() {
  const staff = useCurrentStaff()
  const goTo = useNavigation((s) => s.goTo)
  const allTiles: HomeTile[] = HOME_TILES.map((row) => ({
    id: row.id,
    label: row.label,
    detail: row.detail,
    screen: row.screen(staff.roomId),
    denied: permitted(staff, row.action, row.options) ? null : deniedMessage(row.action),
  }))
  const mayUse = (id: HomeTileId) => allTiles.some((t) => t.id === id && t.denied === null)
  // The reviews page's own query: the same children, so the same numbers.
  const reviews = useConsentReviews(mayUse('reviews'))
  const overdue = reviews?.overdue.length
  const dueSoon = reviews?.dueSoon.length
  const alerts = useManagerAlerts(
    mayUse('audit'),
    reviews === undefined ? undefined : { overdue: overdue ?? 0, dueSoon: dueSoon ?? 0 },
  )
  const markSeen = useMarkRefusalsSeen()
  const tiles = allTiles.map((tile) =>
    tile.id === 'reviews' && tile.denied === null
      ? { ...tile, detail: reviewsDetail(overdue, dueSoon) }
      : tile,
  )
  return {
    staff,
    usable: tiles.filter((t) => t.denied === null),
    others: tiles.filter((t) => t.denied !== null),
    goTo,
    alerts,
    markSeen,
  }
}

function reviewsDetail(overdue: number | undefined, dueSoon: number | undefined): string {
  if (overdue === undefined || dueSoon === undefined) return 'Checking review dates…'
  const days = `in the next ${String(REVIEW_WINDOW_DAYS)} days`
  if (overdue === 0 && dueSoon === 0) return `No reviews overdue or due ${days}.`
  return `${children(overdue)} overdue, ${String(dueSoon)} due ${days}.`
}

function children(n: number): string {
  return n === 1 ? '1 child' : `${String(n)} children`
}
