// The "This tablet" screen's state: turns the PWA store into the "Works offline" checklist in words a
// practitioner understands, each with what to do when it is not ready. The summary follows
// the service worker alone: the app works offline without persistent storage, it is just less
// safe when space runs low, and saying "not ready" then would be untrue.
import type { StatusTone } from '../../components/StatusIcon.tsx'
import type { StorageStatus, WorkerStatus } from '../../stores/pwaStore.ts'
import { usePwaStore } from '../../stores/pwaStore.ts'

export type ReadinessItem = {
  id: 'app-saved' | 'storage-kept'
  label: string
  tone: StatusTone
  answer: string
  detail: string
}

export type TabletScreenState = {
  /** Whether the app opens without a network, in one line. Storage is advice, not readiness. */
  summary: { tone: StatusTone; text: string }
  items: ReadinessItem[]
}

const SUMMARIES: Record<StatusTone, string> = {
  ok: 'Ready: ConsentLens works without Wi-Fi on this tablet.',
  pending: 'Getting ready to work without Wi-Fi…',
  warn: 'Not ready: ConsentLens will not open without Wi-Fi.',
}

export function useTabletScreen(): TabletScreenState {
  const worker = usePwaStore((state) => state.worker)
  const storage = usePwaStore((state) => state.storage)
  return tabletScreenState(worker, storage)
}

export function tabletScreenState(worker: WorkerStatus, storage: StorageStatus): TabletScreenState {
  const appSaved = appSavedItem(worker)
  return {
    summary: { tone: appSaved.tone, text: SUMMARIES[appSaved.tone] },
    items: [appSaved, storageKeptItem(storage)],
  }
}

function appSavedItem(worker: WorkerStatus): ReadinessItem {
  const base = { id: 'app-saved', label: 'App saved on this tablet' } as const
  switch (worker) {
    case 'controlling':
      return { ...base, tone: 'ok', answer: 'Yes', detail: 'ConsentLens opens without Wi-Fi.' }
    case 'starting':
      return {
        ...base,
        tone: 'pending',
        answer: 'Not yet',
        detail: 'Saving now. Keep this page open while the tablet is online.',
      }
    case 'failed':
      return {
        ...base,
        tone: 'warn',
        answer: 'No',
        detail: 'Saving failed. Reload the page while the tablet is online.',
      }
    case 'unsupported':
      return {
        ...base,
        tone: 'warn',
        answer: 'No',
        detail:
          'This browser cannot save the app. Open ConsentLens in Chrome, Edge or Safari from its https address.',
      }
  }
}

function storageKeptItem(storage: StorageStatus): ReadinessItem {
  const base = { id: 'storage-kept', label: 'Photos kept when space is low' } as const
  switch (storage) {
    case 'persisted':
      return {
        ...base,
        tone: 'ok',
        answer: 'Yes',
        detail: 'The tablet will not clear photos waiting to be sent.',
      }
    case 'checking':
      return { ...base, tone: 'pending', answer: 'Checking…', detail: 'Asking the browser.' }
    case 'not-persisted':
      return {
        ...base,
        tone: 'warn',
        answer: 'Not promised',
        detail:
          'If the tablet runs out of space it may clear photos not yet sent. Add ConsentLens to the home screen to keep them.',
      }
    case 'unsupported':
      return {
        ...base,
        tone: 'warn',
        answer: 'Not promised',
        detail: 'This browser cannot promise to keep photos. Send them to the server often.',
      }
  }
}
