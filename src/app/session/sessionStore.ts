// Who is using the tablet. Invariants:
// - `active` is the person whose workspace shows; `locked` hides it behind sign-in.
// - A lock (idle or "switch user") only hides: every workspace stays in memory with its screen,
//   forms and held photo until the tab closes, so nobody loses a half-finished capture.
// - Nobody is signed in at start: a reload always asks for a PIN.
import { create } from 'zustand'
import type { Staff } from '../../db/index.ts'

export type LockReason = 'start' | 'idle' | 'switch-user'

export type SessionState = {
  active: Staff | null
  locked: boolean
  lockReason: LockReason
  /** Everyone signed in since the app opened, in order: each keeps a workspace. */
  workspaces: Staff[]
  signIn: (staff: Staff) => void
  lock: (reason: LockReason) => void
}

export const useSessionStore = create<SessionState>()((set) => ({
  active: null,
  locked: true,
  lockReason: 'start',
  workspaces: [],
  signIn: (staff) => {
    set((state) => ({
      active: staff,
      locked: false,
      workspaces: [...state.workspaces.filter((s) => s.id !== staff.id), staff],
    }))
  },
  lock: (reason) => {
    set((state) => (state.locked ? state : { locked: true, lockReason: reason }))
  },
}))
