// The sync status in words, for the bar under the header: what is happening, how many photos
// wait, and when the tablet last synced. Words carry the meaning; the tone only picks the icon
// and colour. Offline is normal for a nursery tablet, so it reassures: nothing is lost.
import type { StatusTone } from '../components/StatusIcon.tsx'
import type { SyncStatus } from '../../sync/index.ts'
import type { SyncFacts } from './syncFacts.ts'

export interface SyncSummary {
  tone: StatusTone
  /** What sync is doing, or what went wrong and what happens next. */
  text: string
  /** "2 photos waiting to be sent" or "No photos waiting". */
  waiting: string
  /** "Last sync 3 May 2026, 14:05", "Never synced", or null when not connected. */
  lastSync: string | null
  /** When the tablet last synced, ISO; null: never, or not connected. */
  lastSyncAt: string | null
}

// Each state's words fit one line of the sync bar on a portrait iPad (SyncStatusBar.css: the bar
// never changes height, so that nothing under it moves; tests/e2e/startLayout.e2e.ts).
export const UNREACHABLE = 'Cannot reach the setting’s server: photos are kept on this tablet'

export function photosWaiting(n: number): string {
  if (n === 0) return 'No photos waiting'
  return n === 1 ? '1 photo waiting to be sent' : `${n} photos waiting to be sent`
}

function samplePhotos(n: number): string {
  if (n === 0) return 'No sample photos on this tablet'
  return n === 1 ? '1 sample photo on this tablet' : `${String(n)} sample photos on this tablet`
}

export function syncSummary(
  status: SyncStatus,
  facts: SyncFacts,
  formatTime: (iso: string) => string,
): SyncSummary {
  if (facts.enrolment === null) {
    const text = facts.isDemo
      ? 'Sample data, not connected to a server: photos stay on this tablet'
      : 'Not connected to the setting’s server: photos stay on this tablet'
    return {
      tone: 'pending',
      text,
      // The local demo's photos are sample data kept here, not waiting (decision 0015).
      waiting: facts.isDemo
        ? samplePhotos(facts.waitingPhotos)
        : photosWaiting(facts.waitingPhotos),
      lastSync: null,
      lastSyncAt: null,
    }
  }
  const last = status.lastSyncAt ?? facts.syncedAt
  const lastSync = last === null ? 'Never synced' : `Last sync ${formatTime(last)}`
  const waiting = photosWaiting(facts.waitingPhotos)
  return { ...words(status), waiting, lastSync, lastSyncAt: last }
}

function words(status: SyncStatus): { tone: StatusTone; text: string } {
  switch (status.phase) {
    case 'syncing':
      return { tone: 'pending', text: 'Syncing with the setting’s server…' }
    case 'offline':
      return {
        tone: 'warn',
        text: 'Offline: photos are kept on this tablet until the network is back',
      }
    case 'waiting-to-retry':
      return status.errorCode === 'offline'
        ? { tone: 'warn', text: UNREACHABLE }
        : { tone: 'warn', text: status.error ?? 'Sync failed; it will try again soon' }
    case 'idle':
      return status.error === null
        ? { tone: 'ok', text: 'Synced with the setting’s server' }
        : { tone: 'warn', text: status.error }
    case 'not-enrolled':
    case 'revoked':
      return { tone: 'pending', text: 'Connecting to the setting’s server…' }
  }
}
