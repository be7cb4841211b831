// Who is using the tablet, and each signed-in person's workspace. Invariants:
// - `active` is the person whose workspace shows; `locked` hides it behind sign-in.
// - A lock (idle or "switch user") only hides: every workspace stays in memory with its screen,
//   forms and held photo until the tab closes, so nobody loses a half-finished capture.
// - Each workspace keeps its own navigation store from the person's first sign-in until
//   everyone is signed out: signing in again finds the screen they left.
// - Nobody is signed in at start: a reload always asks for a PIN.
// - `signingSeed` is the active person's key for signing their changes (derived from the PIN
//   they typed, docs/decisions/0016-a-change-carries-its-author-s-proof.md). It lives here, in
//   memory only: never persisted, dropped on every lock and sign-out, and derived again when
//   the PIN is typed to unlock. Null while locked, and for a PIN from before v2.
// Nothing here is stored: what outlives the tab is in Dexie (docs/decisions/0022).
import { create } from 'zustand'
import type { StoreApi } from 'zustand'
import type { Staff } from '../../db/index.ts'
import { createNavigationStore, type NavigationState } from './navigationStore.ts'

export type LockReason = 'start' | 'idle' | 'switch-user'

/** One signed-in person's place in the app, kept while the tab is open. */
export type OpenWorkspace = { staff: Staff; navigation: StoreApi<NavigationState> }

export type SessionState = {
  active: Staff | null
  locked: boolean
  lockReason: LockReason
  /** Everyone signed in since the app opened, in order of their last sign-in. */
  workspaces: OpenWorkspace[]
  /** The active person's signing seed, only while unlocked. */
  signingSeed: Uint8Array | null
  signIn: (staff: Staff, signingSeed: Uint8Array | null) => void
  /** After the active person changes their own PIN: their new PIN's seed. */
  replaceSigningSeed: (staffId: string, signingSeed: Uint8Array) => void
  lock: (reason: LockReason) => void
  /** Everyone out, every workspace gone (the tablet was switched off by the manager). */
  signOutAll: () => void
}

export const useSessionStore = create<SessionState>()((set) => ({
  active: null,
  locked: true,
  lockReason: 'start',
  workspaces: [],
  signingSeed: null,
  signIn: (staff, signingSeed) => {
    set((state) => {
      const open = state.workspaces.find((w) => w.staff.id === staff.id)
      const navigation = open?.navigation ?? createNavigationStore()
      return {
        active: staff,
        locked: false,
        signingSeed,
        workspaces: [...state.workspaces.filter((w) => w !== open), { staff, navigation }],
      }
    })
  },
  replaceSigningSeed: (staffId, signingSeed) => {
    set((state) => (state.active?.id === staffId && !state.locked ? { signingSeed } : state))
  },
  lock: (reason) => {
    set((state) =>
      state.locked
        ? { signingSeed: null }
        : { locked: true, lockReason: reason, signingSeed: null },
    )
  },
  signOutAll: () => {
    set({ active: null, locked: true, lockReason: 'start', workspaces: [], signingSeed: null })
  },
}))

/** The navigation store of someone signed in (a bug to ask for anyone else's). */
export function navigationFor(staffId: string): StoreApi<NavigationState> {
  const open = useSessionStore.getState().workspaces.find((w) => w.staff.id === staffId)
  if (open === undefined) throw new Error(`${staffId} has no workspace: they are not signed in`)
  return open.navigation
}
