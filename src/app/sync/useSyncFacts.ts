// The tablet's sync facts, live: they follow every change to the photos and the enrolment, and
// are read again whenever the engine finishes a round. Undefined until the database's chunk
// has arrived and answered (the shell is drawn before it: decision 0037).
import { useLiveRead } from '../data/useLiveRead.ts'
import type { SyncFacts } from './syncFacts.ts'
import { useSyncStatus } from './useSyncStatus.ts'

export function useSyncFacts(): SyncFacts | undefined {
  const phase = useSyncStatus((s) => s.phase)
  const lastSyncAt = useSyncStatus((s) => s.lastSyncAt)
  return useLiveRead((layer, db) => layer.readSyncFacts(db), [phase, lastSyncAt])
}
