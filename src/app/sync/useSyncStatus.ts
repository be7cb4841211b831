// The sync engine's status, from the sync control this app was given. Pass a selector to
// re-render only when that part changes; without one, the whole status.
import { useStore } from 'zustand'
import type { SyncStatus } from '../../sync/index.ts'
import { useSyncControl } from './SyncControl.tsx'

export function useSyncStatus(): SyncStatus
export function useSyncStatus<T>(select: (status: SyncStatus) => T): T
export function useSyncStatus<T>(select?: (status: SyncStatus) => T): T | SyncStatus {
  const store = useSyncControl().status
  return useStore(store, (status: SyncStatus): T | SyncStatus =>
    select === undefined ? status : select(status),
  )
}
