// One signed-in person's workspace: who they are, where they are in the app, and whether it is
// the one on screen now. Screens read these through the hooks below, never the session store,
// so a screen always acts as the person whose workspace it is in.
import { createContext, useContext } from 'react'
import { useStore, type StoreApi } from 'zustand'
import type { Staff } from '../../db/index.ts'
import type { NavigationState } from '../stores/navigationStore.ts'

/** The person a workspace acts for, with their signing seed while they are signed in. */
export type CurrentStaff = Staff & { signingSeed: Uint8Array | null }

export type Workspace = {
  staff: CurrentStaff
  navigation: StoreApi<NavigationState>
  /** False while locked or while someone else is signed in: stop cameras and timers then. */
  visible: boolean
}

export const WorkspaceContext = createContext<Workspace | null>(null)

function useWorkspace(): Workspace {
  const workspace = useContext(WorkspaceContext)
  if (workspace === null) throw new Error('Screens must be rendered inside a <Workspace>')
  return workspace
}

/** The signed-in member of staff this screen acts for. */
export function useCurrentStaff(): CurrentStaff {
  return useWorkspace().staff
}

export function useWorkspaceVisible(): boolean {
  return useWorkspace().visible
}

export function useNavigation<T>(select: (state: NavigationState) => T): T {
  return useStore(useWorkspace().navigation, select)
}
