// Home's state: the jobs this person may do, from the roles table, and for the manager how
// many children's consent reviews need attention (the reviews page's own query, so the same
// count). A job they may not do is shown with why, not hidden, so a student knows to ask
// rather than hunt for a button.
import { deniedMessage } from '../../../policy/index.ts'
import type { Screen } from '../../navigation/screens.ts'
import { usePermission } from '../../session/usePermission.ts'
import { useCurrentStaff, useNavigation } from '../../session/WorkspaceContext.tsx'
import { useManagerAlerts, useMarkRefusalsSeen } from '../alerts/useManagerAlerts.ts'
import { REVIEW_WINDOW_DAYS, useConsentReviews } from '../reviews/useConsentReviews.ts'

export type HomeTile = {
  id: string
  label: string
  detail: string
  screen: Screen
  /** Why this person cannot use it; null when they can. */
  denied: string | null
}

export function useHomeScreen() {
  const staff = useCurrentStaff()
  const goTo = useNavigation((s) => s.goTo)
  const mayCapture = usePermission('capture')
  const isManager = usePermission('record-consent')
  // The reviews page's own query: the same children, so the same numbers.
  const reviews = useConsentReviews(isManager)
  const mayAudit = usePermission('view-audit')
  // A keyworker sees their key children's photos; the screen narrows to them.
  const mayLibrary = usePermission('view-photo-library', { isKeyChild: true })
  const alerts = useManagerAlerts(
    mayAudit,
    reviews === undefined
      ? undefined
      : { overdue: reviews?.overdue.length ?? 0, dueSoon: reviews?.dueSoon.length ?? 0 },
  )
  const markSeen = useMarkRefusalsSeen()

  const tiles: HomeTile[] = [
    {
      id: 'capture',
      label: 'Take a photo',
      detail: 'Every photo is checked against each child’s consent before it is kept.',
      screen: { name: 'capture' },
      denied: mayCapture ? null : deniedMessage('capture'),
    },
    {
      id: 'board',
      label: 'Who can be photographed',
      detail: 'The room board: each child’s consent, and who not to photograph now.',
      screen: { name: 'board', roomId: staff.roomId },
      denied: null,
    },
    {
      id: 'photos',
      label: 'Photos on this tablet',
      detail: 'Recent photos and whether they have been sent to the setting’s server.',
      screen: { name: 'photos' },
      denied: null,
    },
    {
      id: 'library',
      label: 'Photos of the setting',
      detail: 'Every photo on the setting’s server, its consent today, and using it.',
      screen: { name: 'library' },
      denied: mayLibrary ? null : deniedMessage('view-photo-library'),
    },
  ]
  const managerTiles: HomeTile[] = isManager
    ? [
        {
          id: 'reviews',
          label: 'Consent reviews',
          detail: reviewsDetail(reviews?.overdue.length, reviews?.dueSoon.length),
          screen: { name: 'reviews' },
          denied: null,
        },
        {
          id: 'removals',
          label: 'Removal list',
          detail: 'Photos a withdrawal concerns: take each use down, then erase or keep.',
          screen: { name: 'removals' },
          denied: null,
        },
        {
          id: 'audit',
          label: 'Daily photo audit',
          detail: 'Every photo, blocked attempt and deletion of a day; export to CSV or PDF.',
          screen: { name: 'audit' },
          denied: mayAudit ? null : deniedMessage('view-audit'),
        },
        {
          id: 'staff',
          label: 'Staff and photo permission',
          detail: 'Who may take photos, new staff, PINs.',
          screen: { name: 'staff' },
          denied: null,
        },
        {
          id: 'roster-import',
          label: 'Import the roster',
          detail: 'Add children from a CSV file, checked line by line first.',
          screen: { name: 'roster-import' },
          denied: null,
        },
        {
          id: 'locations',
          label: 'Locations',
          detail: 'Where photos are taken, and where they never are.',
          screen: { name: 'locations' },
          denied: null,
        },
        {
          id: 'tablets',
          label: 'Tablets',
          detail: 'Every tablet of the setting: add one, rename, revoke a lost one.',
          screen: { name: 'tablets' },
          denied: null,
        },
        {
          id: 'settings',
          label: 'Settings',
          detail: 'How soon the tablet locks itself.',
          screen: { name: 'settings' },
          denied: null,
        },
      ]
    : []
  const tabletTile: HomeTile = {
    id: 'tablet',
    label: 'This tablet',
    detail: 'Whether ConsentLens works here without Wi-Fi.',
    screen: { name: 'tablet' },
    denied: null,
  }
  return { staff, tiles: [...tiles, ...managerTiles, tabletTile], goTo, alerts, markSeen }
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
