// The "Setting's server" part of "This tablet": where this tablet sends its photos, since when,
// its last sync and what waits; the manager may enrol it, anyone may ask for a sync now.
import { useState } from 'react'
import { deniedMessage } from '../../../policy/index.ts'
import { formatDayTime } from '../../components/formatDate.ts'
import { usePermission } from '../../session/usePermission.ts'
import { photosWaiting, syncSummary, type SyncSummary } from '../../sync/syncSummary.ts'
import { useSyncControl } from '../../sync/SyncControl.tsx'
import type { SyncFacts } from '../../sync/syncFacts.ts'
import { useSyncFacts } from '../../sync/useSyncFacts.ts'
import { useSyncStatus } from '../../sync/useSyncStatus.ts'

export interface TabletSyncState {
  facts: SyncFacts | undefined
  summary: SyncSummary | null
  waiting: string
  enrolledSince: string | null
  lastSync: string
  mayEnrol: boolean
  denied: string
  demoNote: string | undefined
  syncing: boolean
  syncNow: () => void
}

export function useTabletSync(): TabletSyncState {
  const facts = useSyncFacts()
  const status = useSyncStatus()
  const sync = useSyncControl()
  const mayEnrol = usePermission('enrol-device')
  const [asked, setAsked] = useState(false)
  const summary = facts === undefined ? null : syncSummary(status, facts, formatDayTime)
  const lastSyncAt = summary?.lastSyncAt ?? null
  return {
    facts,
    summary,
    lastSync: lastSyncAt === null ? 'Never' : formatDayTime(lastSyncAt),
    waiting: photosWaiting(facts?.waitingPhotos ?? 0),
    enrolledSince: facts?.enrolledAt == null ? null : formatDayTime(facts.enrolledAt),
    mayEnrol,
    denied: deniedMessage('enrol-device'),
    demoNote: facts?.isDemo === true ? DEMO_NOTE : undefined,
    syncing: asked || status.phase === 'syncing',
    syncNow: () => {
      setAsked(true)
      void sync.request().finally(() => {
        setAsked(false)
      })
    },
  }
}

const DEMO_NOTE =
  'This tablet holds sample data. With a code for the server’s demo setting it keeps it, and sends its sample photos and everything done in the demo there, as sample data; with a code for your own setting, the sample children, records and photos are deleted from this tablet first, and your setting’s data arrives in their place.'
