// The screen the person is on, with the parameters it opened with. Each screen folder holds a
// thin view and its hook (STYLE.md); this switch is the only place that knows them all.
// Opening one scrolls to its top and moves focus and the page title to it (useScreenArrival).
//
// What a practitioner needs the moment they sign in (home, board, child, consent form, camera)
// is in the first chunk; the manager's screens, with the PDF and CSV libraries behind them,
// load on first use. The service worker precaches every chunk, so they still open offline.
import { lazy, Suspense } from 'react'
import { BoardScreen } from '../screens/board/BoardScreen.tsx'
import { CaptureScreen } from '../screens/capture/CaptureScreen.tsx'
import { ChoosePinScreen } from '../screens/choose-pin/ChoosePinScreen.tsx'
import { ChildScreen } from '../screens/child/ChildScreen.tsx'
import { ConsentFormScreen } from '../screens/consent-form/ConsentFormScreen.tsx'
import { HomeScreen } from '../screens/home/HomeScreen.tsx'
import type { Screen } from './screens.ts'
import {
  useCurrentStaff,
  useNavigation,
  useWorkspaceVisible,
} from '../session/WorkspaceContext.tsx'
import { useScreenArrival } from './useScreenArrival.ts'

const AuditScreen = lazy(() =>
  import('../screens/audit/AuditScreen.tsx').then((m) => ({ default: m.AuditScreen })),
)
const LibraryScreen = lazy(() =>
  import('../screens/library/LibraryScreen.tsx').then((m) => ({ default: m.LibraryScreen })),
)
const LocationsScreen = lazy(() =>
  import('../screens/locations/LocationsScreen.tsx').then((m) => ({ default: m.LocationsScreen })),
)
const PhotosScreen = lazy(() =>
  import('../screens/photos/PhotosScreen.tsx').then((m) => ({ default: m.PhotosScreen })),
)
const RemovalsScreen = lazy(() =>
  import('../screens/removals/RemovalsScreen.tsx').then((m) => ({ default: m.RemovalsScreen })),
)
const RequestsScreen = lazy(() =>
  import('../screens/requests/RequestsScreen.tsx').then((m) => ({ default: m.RequestsScreen })),
)
const ReviewsScreen = lazy(() =>
  import('../screens/reviews/ReviewsScreen.tsx').then((m) => ({ default: m.ReviewsScreen })),
)
const RosterImportScreen = lazy(() =>
  import('../screens/roster-import/RosterImportScreen.tsx').then((m) => ({
    default: m.RosterImportScreen,
  })),
)
const SettingsScreen = lazy(() =>
  import('../screens/settings/SettingsScreen.tsx').then((m) => ({ default: m.SettingsScreen })),
)
const StaffScreen = lazy(() =>
  import('../screens/staff/StaffScreen.tsx').then((m) => ({ default: m.StaffScreen })),
)
const TabletScreen = lazy(() =>
  import('../screens/tablet/TabletScreen.tsx').then((m) => ({ default: m.TabletScreen })),
)
const TabletsScreen = lazy(() =>
  import('../screens/tablets/TabletsScreen.tsx').then((m) => ({ default: m.TabletsScreen })),
)

export function WorkspaceScreen() {
  const screen = useNavigation((state) => state.screen)
  const visit = useNavigation((state) => state.visit)
  useScreenArrival(visit, useWorkspaceVisible())
  // A one-time PIN (admin command): the person chooses their own before anything else.
  const mustChangePin = useCurrentStaff().mustChangePin === true
  if (mustChangePin) return <ChoosePinScreen />
  return (
    <Suspense fallback={<p role="status">Opening…</p>}>
      <ScreenFor screen={screen} />
    </Suspense>
  )
}

function ScreenFor({ screen }: { screen: Screen }) {
  switch (screen.name) {
    case 'home':
      return <HomeScreen />
    case 'board':
      return <BoardScreen key={screen.roomId} roomId={screen.roomId} />
    case 'child':
      return <ChildScreen key={screen.childId} childId={screen.childId} purpose={screen.purpose} />
    case 'consent-form':
      return <ConsentFormScreen key={screen.childId} childId={screen.childId} />
    case 'reviews':
      return <ReviewsScreen />
    case 'roster-import':
      return <RosterImportScreen />
    case 'staff':
      return <StaffScreen />
    case 'settings':
      return <SettingsScreen />
    case 'locations':
      return <LocationsScreen />
    case 'capture':
      return <CaptureScreen />
    case 'photos':
      return <PhotosScreen />
    case 'tablet':
      return <TabletScreen />
    case 'tablets':
      return <TabletsScreen />
    case 'audit':
      return <AuditScreen />
    case 'library':
      return <LibraryScreen />
    case 'removals':
      return <RemovalsScreen />
    case 'requests':
      return <RequestsScreen />
  }
}
