// The tablet's sync facts, live: they follow every change to the photos and the enrolment, and
// are read again whenever the engine finishes a round.
import { useLiveQuery } from 'dexie-react-hooks'
import { useDb } from '../data/DbContext.tsx'
import { readSyncFacts, type SyncFacts } from './syncFacts.ts'
import { useSyncStatus } from './useSyncStatus.ts'

export function useSyncFacts(): SyncFacts | undefined {
  const db = useDb()
  const phase = useSyncStatus((s) => s.phase)
  const lastSyncAt = useSyncStatus((s) => s.lastSyncAt)
  return useLiveQuery(() => readSyncFacts(db), [db, phase, lastSyncAt])
}
