// Home's tiles, one table: each job's words, the screen it opens and the action of the roles
// table (src/policy/roles.ts) that decides who may use it. Every person sees every tile; one
// they may not use says why (deniedMessage), so a student knows whom to ask instead of hunting
// for a button that is not there. To add a job to Home, add a row here.
import type { Action } from '../../../policy/index.ts'
import type { Screen } from '../../navigation/screens.ts'
import type { ScreenOptions } from '../../session/usePermission.ts'

export type HomeTileId =
  | 'capture'
  | 'board'
  | 'photos'
  | 'library'
  | 'reviews'
  | 'removals'
  | 'requests'
  | 'audit'
  | 'staff'
  | 'roster-import'
  | 'locations'
  | 'tablets'
  | 'settings'
  | 'tablet'

export type HomeTileRow = {
  id: HomeTileId
  label: string
  detail: string
  /** The screen it opens, for someone whose room is `roomId`. */
  screen: (roomId: string | null) => Screen
  action: Action
  /** The condition Home asks the table about (a keyworker's key children, for the library). */
  options?: ScreenOptions
}

export const HOME_TILES: readonly HomeTileRow[] = [
  {
    id: 'capture',
    label: 'Take a photo',
    detail: 'Every photo is checked against each child’s consent before it is kept.',
    screen: () => ({ name: 'capture' }),
    action: 'capture',
  },
  {
    id: 'board',
    label: 'Who can be photographed',
    detail: 'The room board: each child’s consent, and who not to photograph now.',
    screen: (roomId) => ({ name: 'board', roomId }),
    action: 'view-room-board',
  },
  {
    id: 'photos',
    label: 'Photos on this tablet',
    detail: 'Recent photos and whether they have been sent to the setting’s server.',
    screen: () => ({ name: 'photos' }),
    action: 'view-tablet-photos',
  },
  {
    id: 'library',
    label: 'Photos of the setting',
    detail: 'Every photo on the setting’s server, its consent today, and using it.',
    screen: () => ({ name: 'library' }),
    action: 'view-photo-library',
    // A keyworker sees their key children's photos; the screen narrows to them.
    options: { isKeyChild: true },
  },
  {
    id: 'reviews',
    label: 'Consent reviews',
    detail: 'Consent forms past or near their review date.',
    screen: () => ({ name: 'reviews' }),
    action: 'record-consent',
  },
  {
    id: 'removals',
    label: 'Removal list',
    detail: 'Photos a withdrawal concerns: take each use down, then erase or keep.',
    screen: () => ({ name: 'removals' }),
    action: 'manage-removals',
  },
  {
    id: 'requests',
    label: 'Retention and a parent’s requests',
    detail: 'How long photos are kept; one child’s data as a ZIP, or their photos erased.',
    screen: () => ({ name: 'requests' }),
    action: 'answer-parent-requests',
  },
  {
    id: 'audit',
    label: 'Daily photo audit',
    detail: 'Every photo, blocked attempt and deletion of a day; export to CSV or PDF.',
    screen: () => ({ name: 'audit' }),
    action: 'view-audit',
  },
  {
    id: 'staff',
    label: 'Staff and photo permission',
    detail: 'Who may take photos, new staff, PINs.',
    screen: () => ({ name: 'staff' }),
    action: 'authorise-staff',
  },
  {
    id: 'roster-import',
    label: 'Import the roster',
    detail: 'Add children from a CSV file, checked line by line first.',
    screen: () => ({ name: 'roster-import' }),
    action: 'manage-roster',
  },
  {
    id: 'locations',
    label: 'Locations',
    detail: 'Where photos are taken, and where they never are.',
    screen: () => ({ name: 'locations' }),
    action: 'edit-locations',
  },
  {
    id: 'tablets',
    label: 'Tablets',
    detail: 'Every tablet of the setting: add one, rename, revoke a lost one.',
    screen: () => ({ name: 'tablets' }),
    action: 'enrol-device',
  },
  {
    id: 'settings',
    label: 'Settings',
    detail: 'How soon the tablet locks itself.',
    screen: () => ({ name: 'settings' }),
    action: 'edit-settings',
  },
  {
    id: 'tablet',
    label: 'This tablet',
    detail: 'Whether ConsentLens works here without Wi-Fi.',
    screen: () => ({ name: 'tablet' }),
    action: 'view-tablet',
  },
]
