// Every screen of the app and what it needs to open. There is no URL routing: on a shared
// tablet nobody types addresses, and a reload always starts at sign-in. To add a screen, add a
// member here and a case to WorkspaceScreen; the compiler points at every switch to update.
import type { Purpose } from '../../policy/index.ts'

export type Screen =
  | { name: 'home' }
  | { name: 'board'; roomId: string | null }
  /** `purpose`: the one the board was showing, so the page answers for the same purpose. */
  | { name: 'child'; childId: string; purpose?: Purpose }
  | { name: 'consent-form'; childId: string }
  | { name: 'reviews' }
  | { name: 'roster-import' }
  | { name: 'staff' }
  | { name: 'settings' }
  | { name: 'locations' }
  | { name: 'capture' }
  | { name: 'photos' }
  | { name: 'tablet' }
  | { name: 'tablets' }
  | { name: 'audit' }
  | { name: 'library' }
  | { name: 'removals' }

export type ScreenName = Screen['name']
