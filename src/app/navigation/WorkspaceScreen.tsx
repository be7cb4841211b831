// The screen the person is on, with the parameters it opened with. Each screen folder holds a
// thin view and its hook (STYLE.md); this switch is the only place that knows them all.
import { AuditScreen } from '../screens/audit/AuditScreen.tsx'
import { BoardScreen } from '../screens/board/BoardScreen.tsx'
import { CaptureScreen } from '../screens/capture/CaptureScreen.tsx'
import { ChildScreen } from '../screens/child/ChildScreen.tsx'
import { ConsentFormScreen } from '../screens/consent-form/ConsentFormScreen.tsx'
import { HomeScreen } from '../screens/home/HomeScreen.tsx'
import { LibraryScreen } from '../screens/library/LibraryScreen.tsx'
import { LocationsScreen } from '../screens/locations/LocationsScreen.tsx'
import { PhotosScreen } from '../screens/photos/PhotosScreen.tsx'
import { ReviewsScreen } from '../screens/reviews/ReviewsScreen.tsx'
import { RosterImportScreen } from '../screens/roster-import/RosterImportScreen.tsx'
import { SettingsScreen } from '../screens/settings/SettingsScreen.tsx'
import { StaffScreen } from '../screens/staff/StaffScreen.tsx'
import { TabletScreen } from '../screens/tablet/TabletScreen.tsx'
import { useNavigation } from '../session/WorkspaceContext.tsx'

export function WorkspaceScreen() {
  const screen = useNavigation((state) => state.screen)
  switch (screen.name) {
    case 'home':
      return <HomeScreen />
    case 'board':
      return <BoardScreen key={screen.roomId} roomId={screen.roomId} />
    case 'child':
      return <ChildScreen key={screen.childId} childId={screen.childId} />
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
    case 'audit':
      return <AuditScreen />
    case 'library':
      return <LibraryScreen />
  }
}
