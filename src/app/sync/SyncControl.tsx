// How screens reach the sync engine: start it (after an enrolment) and ask for a round (after a
// capture or a consent change). main.tsx provides the real engine; without a provider, as in
// unit tests, both do nothing, so sync never runs in a test that did not ask for it.
import { createContext, useContext, type ReactNode } from 'react'

export interface SyncControl {
  /** Starts the engine if this tablet holds a server credential; true if it did. */
  start(): Promise<boolean>
  /** A sync round now (or right after the current one); resolves when it is done. */
  request(): Promise<void>
}

export const NO_SYNC: SyncControl = {
  start: () => Promise.resolve(false),
  request: () => Promise.resolve(),
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
