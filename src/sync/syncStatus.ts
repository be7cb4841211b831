/**
 * The sync status the app keeps in view: what state sync is in, how many photos wait, when it
 * last finished, and the error in words. A tiny observable (get / subscribe) that fits React's
 * useSyncExternalStore, so the app can wire it in without zustand.
 *
 * Invariant: every snapshot is a new frozen object; subscribers are told after each change.
 */
export type SyncPhase =
  'not-enrolled' | 'idle' | 'syncing' | 'waiting-to-retry' | 'offline' | 'revoked'

export interface SyncStatus {
  phase: SyncPhase
  waitingPhotos: number
  /** When the last full sync finished; null: never. */
  lastSyncAt: string | null
  /** What went wrong last, in a practitioner's words; null when the last sync went well. */
  error: string | null
  /** The code behind `error` ('offline' when the server could not be reached), so the app can
   * choose its words; null when there is no error. */
  errorCode: string | null
  /** Changes the server refused (they will not be sent again), with its reasons. */
  refused: string[]
}

export interface SyncStatusStore {
  get(): SyncStatus
  subscribe(listener: () => void): () => void
  set(change: Partial<SyncStatus>): void
}

export const INITIAL_STATUS: SyncStatus = Object.freeze({
  phase: 'not-enrolled',
  waitingPhotos: 0,
  lastSyncAt: null,
  error: null,
  errorCode: null,
  refused: [],
})

export function createSyncStatus(initial: SyncStatus = INITIAL_STATUS): SyncStatusStore {
  let current = initial
  const listeners = new Set<() => void>()
  return {
    get: () => current,
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    set(change) {
      current = Object.freeze({ ...current, ...change })
      for (const listener of [...listeners]) listener()
    },
  }
}
