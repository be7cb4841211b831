/**
 * The client side of sync: enrolment, the sync engine and its status. The app starts the
 * engine once (`startSync`), shows `syncStatus` and calls `requestSync()` after each capture.
 *
 * Invariants, across the folder: nothing leaves the device for anywhere but the server it was
 * enrolled with; an unsent photo is never deleted; a full image is deleted only after the
 * server confirmed its checksum; a revoked device wipes itself without sending anything.
 */
import { createSyncEngine, type SyncEngine, type SyncEngineOptions } from './syncEngine.ts'
import { createSyncStatus, type SyncStatusStore } from './syncStatus.ts'

export { enrolDevice, type EnrolResult } from './enrolDevice.ts'
export { readEnrolment, type EnrolmentInfo } from './enrolmentInfo.ts'
export {
  downloadServerAuditDay,
  type ServerExportFormat,
  type ServerExportResult,
} from './serverAuditExport.ts'
export { managerDevices, type ManagerDevicesApi, type ManagerProof } from './managerDevices.ts'
export { browserEnvironment } from './browserEnvironment.ts'
export { signedRequestHeaders, type RequestToSign } from './signedRequestHeaders.ts'
export {
  libraryClient,
  type LibraryClient,
  type LibraryError,
  type LibraryResult,
  type SignRequest,
} from './libraryClient.ts'
export {
  createSyncEngine,
  SYNC_INTERVAL_MS,
  type SyncEngine,
  type SyncEngineOptions,
  type SyncEnvironment,
} from './syncEngine.ts'
export { syncOnce, type SyncOutcome, type SyncReport } from './syncOnce.ts'
export {
  createSyncStatus,
  type SyncPhase,
  type SyncStatus,
  type SyncStatusStore,
} from './syncStatus.ts'
export { backoffDelay } from './backoff.ts'

/** The app's one status store: subscribe to show it; it is live once `startSync` ran. */
export const syncStatus: SyncStatusStore = createSyncStatus()

let engine: SyncEngine | null = null

/** Starts the app's sync engine (once); later calls return the running one. */
export function startSync(options: Omit<SyncEngineOptions, 'status'>): SyncEngine {
  engine ??= createSyncEngine({ ...options, status: syncStatus })
  engine.start()
  return engine
}

/** Asks for a sync round now, e.g. after a capture. Does nothing before `startSync`. */
export function requestSync(): Promise<void> {
  return engine?.requestSync() ?? Promise.resolve()
}
