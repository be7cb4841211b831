/**
 * What the device stores, as the domain types that repositories return. Nothing here is a
 * Dexie type, so screens and the sync layer depend on these shapes, not on the storage; and
 * nothing is a platform type (pure, like src/policy), so audit and the server share them
 * without depending on the tablet's database. The image blobs stay in src/db (`PhotoImage`).
 *
 * Invariants:
 * - Times are ISO 8601 strings with an offset (the policy's `Iso`); calendar dates
 *   (date of birth, leaving date) are "YYYY-MM-DD".
 * - Consent records, audit events and outbox entries are append-only: never edited in place.
 * - A staff member's PIN is kept only as a salted hash (`PinHash`), never in clear.
 */
import type { Finding, Iso, Purpose, RuleId, Verdict } from '../policy/index.ts'
import type {
  ChildWire,
  ConsentWire,
  InjuryWire,
  LocationWire,
  PhotoMetaWire,
  PhotoStatusWire,
  PinHashWire,
  RemovalFlagWire,
  RoomWire,
  SettingFacts,
  SettingWire,
  StaffWire,
} from '../protocol/index.ts'

// A record that travels is stored as it travels: its shape is written once, as the protocol's
// zod schema (src/protocol/records.ts), and derived here. Only what the tablet alone keeps
// (PIN counters, sync state, findings, refusals) is written out in this file.

/**
 * `idleLockMinutes`: minutes without a touch before the tablet asks for a PIN again;
 * `defaultPurposes`: those the capture screen selects before anyone chooses; `isDemo`: sample
 * data for trying the app, never real children.
 */
export type Setting = SettingWire

export const DEFAULT_IDLE_LOCK_MINUTES = 5

/** `ageRange`: e.g. "2–3 years"; for people, not for rules. */
export type Room = RoomWire

/** Edited records carry their own version (src/protocol/recordVersion.ts); absent: 0. */
export type Location = LocationWire

/** Calendar dates are YYYY-MM-DD; `leavingDate` is null while the child attends. */
export type Child = ChildWire

/**
 * A consent record of the policy, plus where the paper or digital form is (`formRef`), the
 * day it was signed as written on it (`signedOn`) and the parent's conditions in their words.
 */
export type StoredConsent = ConsentWire

export type InjuryRecord = InjuryWire

/**
 * A PIN verifier (src/db/pinHash.ts). `scheme` absent: v1, `hashB64` is the PBKDF2 output and
 * gives no signing key. `PIN_SCHEME_SPLIT`: `hashB64` is the verifier split from the PBKDF2
 * master and `publicKeyHex` the key this person's changes are signed with (staffAuthority.ts).
 */
export type PinHash = PinHashWire

/** A member of staff as stored on this device, PIN hash and lockout state included. */
export interface StaffRecord extends StaffWire {
  pin: PinHash | null
  /** A one-time PIN: its owner must choose their own at the next sign-in. Absent: false. */
  mustChangePin?: boolean
  /** Wrong PINs since the last correct one or the last lockout. */
  failedAttempts: number
  lockedUntil: Iso | null
  /** How many times this person has been locked out; each lockout lasts twice the last. */
  lockouts: number
}

/** A member of staff as screens and the server see them: no PIN hash, no counters. */
export interface Staff extends StaffWire {
  hasPin: boolean
  lockedUntil: Iso | null
  /** Signed in with a one-time PIN: they choose their own before anything else. */
  mustChangePin?: boolean
}

/** This device's enrolment. One row. */
export interface Device {
  id: string
  settingId: string
  enrolled: boolean
  revoked: boolean
  enrolledAt: Iso | null
  /** When consent data last arrived from the server; the policy's staleness rule uses it. */
  consentDataSyncedAt: Iso | null
  /**
   * Added after version 1 (not indexed): the setting's facts only the server knows, as of
   * the last complete pull (protocol settingFacts.ts). Absent until then.
   */
  serverFacts?: ServerFacts
}

/** What the server knows about the whole setting, for the manager's alerts. */
export type ServerFacts = SettingFacts

export type SyncState = 'waiting' | 'uploading' | 'sent'

export interface PhotoDecision {
  verdict: Verdict
  rules: RuleId[]
  /**
   * Added after version 1 without a schema change (not indexed): every finding of the save's
   * decision, in the practitioner's words, and the purposes it permitted. Absent on rows
   * written before; readers treat absent as "not recorded".
   */
  findings?: Finding[]
  permittedPurposes?: Purpose[]
}

export type PhotoDeletion = NonNullable<PhotoMetaWire['deleted']>

/** A withdrawal that applies to this photo: it must be removed wherever it was used. */
export type RemovalFlag = RemovalFlagWire

/**
 * A photo's metadata: the protocol's, with the decision's findings and the tablet's own state.
 * The image itself is in `photoImages`, so lists never load it. `checksum`: SHA-256 of the
 * full image, hex. `attestations` (added after version 1, not indexed): what the practitioner
 * confirmed at the save. `flaggedForRemoval`: empty when not flagged, else one entry per
 * withdrawal that concerns this photo.
 */
export interface PhotoMeta extends Omit<PhotoMetaWire, 'decision'> {
  decision: PhotoDecision
  syncState: SyncState
  /** Added after version 1 (not indexed): size of the stored thumbnail, in bytes. */
  thumbnailBytes?: number
  /**
   * Added after version 1 (not indexed): the server has the thumbnail for its photo library
   * (or will never take it); absent: not sent yet.
   */
  thumbnailUploaded?: true
  /**
   * Set by sync when the server's re-check of the policy failed (say a withdrawal this device
   * had not heard of): the photo is kept but never offered for any use. Absent on older rows.
   */
  quarantine?: PhotoQuarantine | null
  /**
   * Added after version 1 (not indexed): the server erased the photo (a withdrawal,
   * retention, a parent's request) and this tablet deleted its image and thumbnail.
   */
  erasedOnServer?: PhotoDeletion
  /**
   * Added after version 3 (not indexed): the parents' conditions the practitioner
   * confirmed this photo meets, each with who confirmed it and when (the save). Empty when no
   * condition applied; absent on photos saved before conditions were recorded.
   */
  conditionsAcknowledged?: ConditionAcknowledgement[]
}

/** A parent's condition on a consent this photo relies on ("No photos in the paddling pool"). */
export interface ParentConditionRef {
  childId: string
  /** The consent records that carry it (a wording written once is stored on each purpose). */
  consentIds: string[]
  purposes: Purpose[]
  text: string
}

/** A condition the practitioner confirmed the photo meets: which, by whom, when. */
export interface ConditionAcknowledgement extends ParentConditionRef {
  staffId: string
  at: Iso
}

/** The server's verdict on a photo that failed its re-check (src/server/ingest/checkPhoto.ts). */
export type PhotoQuarantine = NonNullable<PhotoStatusWire['quarantine']>

/**
 * A change this tablet made that the server refused (it answered `rejected`), kept so the
 * manager sees what was refused and why (alerts on Home) and nothing typed is silently lost.
 * Added in version 3 (store `refusals`).
 */
export interface Refusal {
  /** The refused change's id (its outbox entry's id). */
  id: string
  kind: 'consent' | 'injury' | 'staff' | 'staffPin' | 'child' | 'location' | 'photo'
  entityId: string
  /** When the change was made on this tablet, and who made it. */
  madeAt: Iso
  actorId: string | null
  /** When this tablet received the refusal. */
  refusedAt: Iso
  code: string
  /** The server's reason, in its words. */
  message: string
  /** The record as this tablet sent it (a PIN change keeps only whose PIN it was). */
  payload: unknown
  /**
   * What this tablet did to agree with the server: took the server's copy, removed a record
   * the server does not have, or kept its own (a photo; a record on the safe side, such as an
   * injury; or a later change of the same record still waiting to be sent).
   */
  outcome: 'server-copy' | 'removed' | 'kept'
  /** When the manager marked it as seen on the alerts; null until then. */
  seenAt: Iso | null
}
