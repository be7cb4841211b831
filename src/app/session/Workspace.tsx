// One person's workspace: their current screen with who they are in context. It stays mounted
// (hidden) while the tablet is locked or someone else uses it, which is what keeps a held photo,
// its tags and a half-filled form through a lock. `hidden` also takes it out of the
// accessibility tree, so a screen reader never reads someone else's work.
// The person's signing seed is in it only while they are the one signed in and unlocked, so a
// hidden workspace can never sign a change (decision 0016).
import { useMemo, type ReactNode } from 'react'
import type { StoreApi } from 'zustand'
import type { Staff } from '../../db/index.ts'
import type { NavigationState } from '../stores/navigationStore.ts'
import { useSessionStore } from '../stores/sessionStore.ts'
import { useFreshStaff } from './useFreshStaff.ts'
import { WorkspaceContext } from './WorkspaceContext.tsx'

export function Workspace(props: {
  staff: Staff
  navigation: StoreApi<NavigationState>
  visible: boolean
  children: ReactNode
}) {
  const { navigation, visible, children } = props
  const fresh = useFreshStaff(props.staff)
  const signingSeed = useSessionStore((s) =>
    s.active?.id === fresh.id && !s.locked ? s.signingSeed : null,
  )
  const staff = useMemo(() => ({ ...fresh, signingSeed }), [fresh, signingSeed])
  const value = useMemo(() => ({ staff, visible, navigation }), [staff, visible, navigation])
  return (
    <WorkspaceContext value={value}>
      <div className="workspace" hidden={!visible} data-staff-id={staff.id}>
        {children}
      </div>
    </WorkspaceContext>
  )
}
