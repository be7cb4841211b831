/**
 * The client side of sync: enrolment, the sync engine and the status it reports. The app
 * builds one engine per database (src/app/sync/appSyncControl.ts) and passes it down; nothing
 * here is a singleton.
 *
 * Invariants, across the folder: nothing leaves the device for anywhere but the server it was
 * enrolled with; an unsent photo is never deleted; a full image is deleted only after the
 * server confirmed its checksum; a revoked device wipes itself without sending anything.
 */
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
  INITIAL_STATUS,
  type SyncPhase,
  type SyncStatus,
  type SyncStatusSink,
} from './syncStatus.ts'
export { backoffDelay } from './backoff.ts'
