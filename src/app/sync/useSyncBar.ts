// The sync bar's words: the engine's status and the tablet's own facts, put together. Null
// while the facts load, and on a revoked tablet (the app shows the revocation instead).
import { formatDayTime } from '../components/formatDate.ts'
import { syncSummary, type SyncSummary } from './syncSummary.ts'
import { useSyncFacts } from './useSyncFacts.ts'
import { useSyncStatus } from './useSyncStatus.ts'

export function useSyncBar(): SyncSummary | null {
  const status = useSyncStatus()
  const facts = useSyncFacts()
  if (facts === undefined || facts.revoked) return null
  return syncSummary(status, facts, formatDayTime)
}
