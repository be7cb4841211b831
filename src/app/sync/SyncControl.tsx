// How screens reach the sync engine: start it (after an enrolment), ask for a round (after a
// capture or a consent change), and read its status. main.tsx builds the real control once and
// provides it; without a provider, as in unit tests, start and request do nothing and the
// status stays "not enrolled", so sync never runs in a test that did not ask for it.
import { createContext, useContext, type ReactNode } from 'react'
import { createSyncStatusStore, type SyncStatusStore } from '../stores/syncStatusStore.ts'

export interface SyncControl {
  /** Starts the engine if this tablet holds a server credential; true if it did. */
  start(): Promise<boolean>
  /** A sync round now (or right after the current one); resolves when it is done. */
  request(): Promise<void>
  /** What the engine reports; read it with useSyncStatus. */
  status: SyncStatusStore
}

export const NO_SYNC: SyncControl = {
  start: () => Promise.resolve(false),
  request: () => Promise.resolve(),
  status: createSyncStatusStore(),
}

const SyncControlContext = createContext<SyncControl>(NO_SYNC)

export function SyncControlProvider({
  control,
  children,
}: {
  control: SyncControl
  children: ReactNode
}) {
  return <SyncControlContext value={control}>{children}</SyncControlContext>
}

export function useSyncControl(): SyncControl {
  return useContext(SyncControlContext)
}
