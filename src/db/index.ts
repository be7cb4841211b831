/**
 * The device's data layer: the Dexie schema, repositories that return domain types, the demo
 * seed and the roster import. Screens and the sync layer import from here, never from Dexie.
 *
 * Invariants, across the folder:
 * - Every change the server must learn of is written with its outbox entry and its audit
 *   event in one transaction.
 * - Consent records, audit events and outbox entries are append-only.
 * - Who may do what is decided by src/policy's `can`, asked by every repository that changes
 *   consent, staff, locations, injury clearance or the roster.
 * - Expected failures are values `{ ok: false, error: { code, message } }`.
 */
export { ConsentLensDb, DB_VERSION, SCHEMA_V1, SCHEMA_V3_CHANGES, openDb } from './ConsentLensDb.ts'
export type * from '../model/records.ts'
export { DEFAULT_IDLE_LOCK_MINUTES } from '../model/records.ts'
export type { DbError, Result } from './result.ts'
export type { ActorRef } from './authorise.ts'
export { listOutbox, type OutboxChange, type OutboxEntry, type OutboxKind } from './outbox.ts'
export { listAudit, type AuditEvent, type AuditType, type JsonValue } from './auditLog.ts'
export {
  consentHistory,
  recordConsent,
  withdrawConsent,
  type ConsentErrorCode,
  type ConsentForm,
  type RecordedConsent,
  type Withdrawal,
} from './consentRepository.ts'
export { reviewsDue, type ReviewItem, type ReviewsDue } from './reviewsDue.ts'
export { clearInjury, injuriesOf, recordInjury, type InjuryErrorCode } from './injuryRepository.ts'
export { getStaff, listStaff, toStaff } from './staffQueries.ts'
export {
  createStaff,
  setAuthorised,
  setPin,
  type NewStaff,
  type PinSet,
  type StaffErrorCode,
} from './staffRepository.ts'
export { verifyPin, type PinErrorCode, type SignedIn } from './verifyPin.ts'
export { MANAGER_PIN_DIGITS, newPinError, PIN_ITERATIONS, pinFormatError } from './pinHash.ts'
export {
  addLocation,
  archiveLocation,
  listLocations,
  type LocationErrorCode,
} from './locationRepository.ts'
export {
  childrenInRoom,
  getChild,
  getDevice,
  getSetting,
  keyChildren,
  listChildren,
  listRooms,
} from './rosterQueries.ts'
export { adoptDeviceId, PRE_ENROLMENT_IDS } from './adoptDeviceId.ts'
export { canStoreBlobs } from './blobStorage.ts'
export { loadPolicyContext } from './loadPolicyContext.ts'
export { seedDemoIfEmpty } from './seedDemo.ts'
export {
  DEMO_DEVICE_ID,
  DEMO_SETTING_ID,
  DEMO_SETTING_NAME,
  DEMO_SHOWCASE,
  DEMO_STAFF,
  type ShowcaseChild,
  type ShowcaseKey,
} from '../demo/demoRoster.ts'
export {
  ROSTER_COLUMNS,
  parseRosterCsv,
  type RosterParse,
  type RosterProblem,
  type RosterRow,
} from './rosterCsv.ts'
export type { RosterLookup } from './rosterChecks.ts'
export { importRoster, loadRosterLookup, type ImportResult } from './importRoster.ts'
export { markChildLeft, type MarkLeftResult } from './markChildLeft.ts'
export { recordLock, type LockCause } from './recordLock.ts'
export { IDLE_LOCK_RANGE, setIdleLockMinutes, type SettingErrorCode } from './settingRepository.ts'
export { loadRoomBoard, type RoomBoard } from './roomBoard.ts'
export { loadChildConsentPage, type ChildConsentPage } from './childConsentPage.ts'
export { consentConditions } from './consentConditions.ts'
export type { CaptureDraft } from './captureDraft.ts'
export {
  SAVE_TABLES,
  savePhoto,
  type EncodedPhoto,
  type SaveError,
  type SaveErrorCode,
  type SaveResult,
} from './savePhoto.ts'
export { recordBlockedAttempt } from './recordBlockedAttempt.ts'
export { recordTagRemoval } from './recordTagRemoval.ts'
export { deletePhoto, type DeletePhotoErrorCode } from './deletePhoto.ts'
export { photoThumbnail, recentPhotos } from './photoQueries.ts'
export { PHOTOS_REFUSED, type StorageFailureCode } from './storageFailure.ts'
export { loadAuditDay, type AuditDayBounds, type AuditDayData } from './auditDayData.ts'
export { recordAuditExport, type AuditExport } from './recordAuditExport.ts'
export { loadAlertFacts, type AlertFacts } from './alertFacts.ts'
export { markRefusalsSeen, unseenRefusals } from './refusals.ts'
