/**
 * The server's tables, as Kysely sees them. The same on SQLite and PostgreSQL: times are ISO
 * strings (text), booleans are 0/1 integers, JSON is text, so one set of migrations and one
 * set of queries serve both.
 *
 * Invariant: every table has `setting_id` (settings is keyed by it) and every query filters
 * on it; a device belongs to exactly one setting.
 */
import type { ColumnType } from 'kysely'

export interface SettingsTable {
  id: string
  name: string
  is_demo: number
  /** The last sequence number given to a change of this setting; pulls page by it. */
  last_seq: number
  created_at: string
}

export interface DevicesTable {
  id: string
  setting_id: string
  name: string
  /** SHA-256 (hex) of the random credential; the credential itself is never stored. */
  credential_hash: string
  enrolled_at: string
  revoked_at: string | null
  revoked_by: string | null
  last_seen_at: string | null
}

export interface EnrolmentCodesTable {
  /** SHA-256 (hex) of the normalised code. */
  code_hash: string
  setting_id: string
  created_by: string
  created_at: string
  expires_at: string
  used_at: string | null
  used_by_device: string | null
}

export type EntityKind =
  | 'setting'
  | 'room'
  | 'location'
  | 'child'
  | 'consent'
  | 'injury'
  | 'staff'
  | 'staffPin'
  | 'photoStatus'

/** Every synced record of a setting (consent, child, staff …) as JSON, with its sequence. */
export interface EntitiesTable {
  setting_id: string
  kind: EntityKind
  id: string
  payload: string
  seq: number
  updated_at: string
}

/** The change ids already applied: what makes a replayed push change nothing. */
export interface AppliedChangesTable {
  setting_id: string
  change_id: string
  device_id: string
  kind: string
  status: string
  error_code: string | null
  error_message: string | null
  applied_at: string
}

export interface PhotosTable {
  setting_id: string
  id: string
  device_id: string
  staff_id: string
  taken_at: string
  checksum: string
  bytes: number
  meta: string
  received_at: string
  /** When the image arrived and its SHA-256 was verified; null until then. */
  stored_at: string | null
  quarantined_at: string | null
  quarantine_rules: string | null
  quarantine_message: string | null
  /** JSON array of removal flags. */
  flags: string
  /** SHA-256 of the thumbnail the taking tablet uploaded (0007); null until then. */
  thumbnail_checksum: string | null
  thumbnail_bytes: number | null
  /** The tombstone of an erased photo (0010): when, by whom (a staff id or "server"), why. */
  erased_at: string | null
  erased_by: string | null
  erased_reason: string | null
  /** What erased it: see ErasureCause in library/erasePhoto.ts. */
  erased_cause: string | null
  /** When its image and thumbnail left the photo store; null while they are still to go. */
  bytes_removed_at: string | null
  /** JSON array: children removed from this photo at a parent's request (0011); null: none. */
  removed_child_ids: ColumnType<string | null, string | null | undefined, string | null>
}

/**
 * A photo's thumbnail bytes (0012), base64: on disk with the commit that records them. Older
 * thumbnails are files in the photo store, named by `photos.thumbnail_checksum`.
 */
export interface PhotoThumbnailsTable {
  setting_id: string
  photo_id: string
  jpeg_base64: string
}

/** A photo's purposes, one row each (0007), so the library filters by purpose with an index. */
export interface PhotoPurposesTable {
  setting_id: string
  photo_id: string
  purpose: string
}

/** Every use of a photo (0007): what for, where, by whom, when, until when. Append-only. */
export interface PhotoUsesTable {
  id: string
  setting_id: string
  photo_id: string
  purpose: string
  /** 'download' | 'share' | 'record' (see protocol/library.ts). */
  action: string
  /** Where it is used, in staff's words ("Caterpillars wall", "Tapestry"). */
  place: string
  /** Displays and publicity: until when (ISO). */
  until_at: string | null
  staff_id: string
  device_id: string
  used_at: string
}

/** A parent's approval of one publicity photo (0007). Append-only. */
export interface PhotoApprovalsTable {
  id: string
  setting_id: string
  photo_id: string
  child_id: string
  /** JSON: { name, relationship, parentalResponsibility } of the person who approved. */
  given_by: string
  place: string
  until_at: string
  recorded_by: string
  device_id: string
  recorded_at: string
}

/** A use of a flagged photo that a person confirmed taken down (0010). Append-only. */
export interface PhotoTakedownsTable {
  id: string
  setting_id: string
  photo_id: string
  use_id: string
  /** In the person's words: "taken down", "removed from the journal". */
  note: string
  staff_id: string
  device_id: string
  confirmed_at: string
}

/** The manager's decision on a photo of the removal list (0010): 'erase' or 'keep'. */
export interface PhotoRemovalDecisionsTable {
  id: string
  setting_id: string
  photo_id: string
  decision: string
  /** JSON array: the purposes the photo is kept for ('keep'); [] for 'erase'. */
  kept_purposes: string
  /** JSON array of the removal flags (child|purposes keys) this decision settled. */
  resolved_flags: string
  reason: string
  staff_id: string
  device_id: string
  decided_at: string
}

/** The manager's retention per purpose (0011); no row: the defaults (retention/retentionPolicy.ts). */
export interface RetentionPoliciesTable {
  setting_id: string
  journey_months_after_leaving: number
  display_months: number
  publicity_months_without_approval: number
  updated_by: string
  updated_at: string
}

export interface PhotoChildrenTable {
  setting_id: string
  photo_id: string
  child_id: string
}

export interface StaffLockoutsTable {
  setting_id: string
  staff_id: string
  failed_attempts: number
  locked_until: string | null
  lockouts: number
}

export interface AuditTable {
  id: string
  setting_id: string
  at: string
  device_id: string | null
  staff_id: string | null
  type: string
  details: string
}

/**
 * Each device's audit chain as the server received it: the first copy of each seq. `problem`
 * names what was wrong with the batch it came in (null: it verified).
 */
export interface DeviceAuditTable {
  setting_id: string
  device_id: string
  seq: number
  id: string
  at: string
  staff_id: string | null
  type: string
  /** The event's details as JSON text. */
  details: string
  prev_hash: string
  hash: string
  received_at: string
  problem: string | null
}

/** Arrivals that cannot take a place in the chain (another copy of a seq, another device's). */
export interface DeviceAuditFlaggedTable {
  id: string
  setting_id: string
  device_id: string
  seq: number
  /** The whole event as it arrived, JSON text. */
  event: string
  problem: string
  received_at: string
}

/** A problem found in a device's chain; one row per device, seq and kind of problem. */
export interface AuditChainProblemsTable {
  setting_id: string
  device_id: string
  seq: number
  code: string
  message: string
  detected_at: string
}

/**
 * The removal flags a withdrawal still owes its child's photos taken before it (0014,
 * ingest/withdrawalFlags.ts): written with the withdrawal, deleted by the transaction that
 * writes the flags.
 */
export interface WithdrawalFlagsDueTable {
  id: string
  setting_id: string
  child_id: string
  /** The photos owed are those taken before this time (ISO; the review did the later ones). */
  taken_before: string
  /** The withdrawals, as JSON: `[{ purpose, recordedAt }]`. */
  withdrawals: string
  due_at: string
}

export interface Database {
  settings: SettingsTable
  devices: DevicesTable
  enrolment_codes: EnrolmentCodesTable
  entities: EntitiesTable
  applied_changes: AppliedChangesTable
  photos: PhotosTable
  photo_children: PhotoChildrenTable
  photo_purposes: PhotoPurposesTable
  photo_thumbnails: PhotoThumbnailsTable
  photo_uses: PhotoUsesTable
  photo_approvals: PhotoApprovalsTable
  photo_takedowns: PhotoTakedownsTable
  photo_removal_decisions: PhotoRemovalDecisionsTable
  staff_lockouts: StaffLockoutsTable
  retention_policies: RetentionPoliciesTable
  server_audit: AuditTable
  device_audit: DeviceAuditTable
  device_audit_flagged: DeviceAuditFlaggedTable
  audit_chain_problems: AuditChainProblemsTable
  withdrawal_flags_due: WithdrawalFlagsDueTable
}
