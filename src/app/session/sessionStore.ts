// Who is using the tablet. Invariants:
// - `active` is the person whose workspace shows; `locked` hides it behind sign-in.
// - A lock (idle or "switch user") only hides: every workspace stays in memory with its screen,
//   forms and held photo until the tab closes, so nobody loses a half-finished capture.
// - Nobody is signed in at start: a reload always asks for a PIN.
// - `signingSeed` is the active person's key for signing their changes (derived from the PIN
//   they typed, docs/decisions/0016-a-change-carries-its-author-s-proof.md). It lives here, in
//   memory only: never persisted, dropped on every lock and sign-out, and derived again when
//   the PIN is typed to unlock. Null while locked, and for a PIN from before v2.
import { create } from 'zustand'
import type { Staff } from '../../db/index.ts'

export type LockReason = 'start' | 'idle' | 'switch-user'

export type SessionState = {
  active: Staff | null
  locked: boolean
  lockReason: LockReason
  /** Everyone signed in since the app opened, in order: each keeps a workspace. */
  workspaces: Staff[]
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
    set((state) => ({
      active: staff,
      locked: false,
      signingSeed,
      workspaces: [...state.workspaces.filter((s) => s.id !== staff.id), staff],
    }))
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
