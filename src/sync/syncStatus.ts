/**
 * The sync status the engine reports: what state sync is in, when it last finished, and the
 * error in words. The engine only writes it, through `SyncStatusSink`; the app keeps it in a
 * store of its own (src/app/stores/syncStatusStore.ts). What is stored (photos waiting, the
 * enrolment) is read from the database, live, not copied here.
 */
export type SyncPhase =
  'not-enrolled' | 'idle' | 'syncing' | 'waiting-to-retry' | 'offline' | 'revoked'

export interface SyncStatus {
  phase: SyncPhase
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

/** Where the engine reports each change of its status (a zustand store fits as it is). */
export interface SyncStatusSink {
  setState(change: Partial<SyncStatus>): void
}

export const INITIAL_STATUS: SyncStatus = Object.freeze({
  phase: 'not-enrolled',
  lastSyncAt: null,
  error: null,
  errorCode: null,
  refused: [],
})
