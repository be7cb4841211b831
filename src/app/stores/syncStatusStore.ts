// The sync engine's status as the app shows it: one store per sync control (so per database),
// written only by that control's engine, read by the sync bar and "This tablet" through
// useSyncStatus with a selector. Holds nothing stored: photos waiting and the enrolment are
// read from Dexie, live (src/app/sync/useSyncFacts.ts).
import { createStore, type StoreApi } from 'zustand'
import { INITIAL_STATUS, type SyncStatus } from '../../sync/index.ts'

export type SyncStatusStore = StoreApi<SyncStatus>

export function createSyncStatusStore(initial: SyncStatus = INITIAL_STATUS): SyncStatusStore {
  return createStore<SyncStatus>()(() => initial)
}
