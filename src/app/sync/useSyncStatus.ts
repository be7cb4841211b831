// The sync engine's status (src/sync's one store), read with useSyncExternalStore so every
// view of it shows the same snapshot.
import { useSyncExternalStore } from 'react'
import { syncStatus, type SyncStatus } from '../../sync/index.ts'

const subscribe = (listener: () => void) => syncStatus.subscribe(listener)
const snapshot = () => syncStatus.get()

export function useSyncStatus(): SyncStatus {
  return useSyncExternalStore(subscribe, snapshot)
}
