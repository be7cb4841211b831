// The screen the person is on, with the parameters it opened with. Each screen folder holds a
// thin view and its hook (STYLE.md); this switch is the only place that knows them all.
// Opening one scrolls to its top and moves focus and the page title to it (useScreenArrival).
import { AuditScreen } from '../screens/audit/AuditScreen.tsx'
import { BoardScreen } from '../screens/board/BoardScreen.tsx'
import { CaptureScreen } from '../screens/capture/CaptureScreen.tsx'
import { ChoosePinScreen } from '../screens/choose-pin/ChoosePinScreen.tsx'
import { ChildScreen } from '../screens/child/ChildScreen.tsx'
import { ConsentFormScreen } from '../screens/consent-form/ConsentFormScreen.tsx'
import { HomeScreen } from '../screens/home/HomeScreen.tsx'
import { LibraryScreen } from '../screens/library/LibraryScreen.tsx'
import { LocationsScreen } from '../screens/locations/LocationsScreen.tsx'
import { PhotosScreen } from '../screens/photos/PhotosScreen.tsx'
import { RemovalsScreen } from '../screens/removals/RemovalsScreen.tsx'
import { RequestsScreen } from '../screens/requests/RequestsScreen.tsx'
import { ReviewsScreen } from '../screens/reviews/ReviewsScreen.tsx'
import { RosterImportScreen } from '../screens/roster-import/RosterImportScreen.tsx'
import { SettingsScreen } from '../screens/settings/SettingsScreen.tsx'
import { StaffScreen } from '../screens/staff/StaffScreen.tsx'
import { TabletScreen } from '../screens/tablet/TabletScreen.tsx'
import { TabletsScreen } from '../screens/tablets/TabletsScreen.tsx'
import type { Screen } from './screens.ts'
import {
  useCurrentStaff,
  useNavigation,
  useWorkspaceVisible,
} from '../session/WorkspaceContext.tsx'
import { useScreenArrival } from './useScreenArrival.ts'

export function WorkspaceScreen() {
  const screen = useNavigation((state) => state.screen)
  const visit = useNavigation((state) => state.visit)
  useScreenArrival(visit, useWorkspaceVisible())
  // A one-time PIN (admin command): the person chooses their own before anything else.
  const mustChangePin = useCurrentStaff().mustChangePin === true
  if (mustChangePin) return <ChoosePinScreen />
  return <ScreenFor screen={screen} />
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
