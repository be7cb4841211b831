/**
 * The records that travel between a device and its server, as zod schemas with derived types.
 * The device's stored shapes (src/model/records.ts) are derived from these, so a pulled record
 * is stored as is.
 *
 * Invariants:
 * - A staff record never carries a PIN hash; PIN verifiers travel apart as `StaffPin`
 *   (docs/decisions/0005-staff-pins-reach-every-device.md says why and how).
 * - Unknown fields are stripped, so a newer device cannot smuggle data into older storage.
 * - Records that can be edited (location, child, injury, staff) carry their own version
 *   (`recordVersion.ts`): the newer copy wins, not the one that arrived last.
 */
import { z } from 'zod'
import {
  ConsentStatusSchema,
  DateSchema,
  IdSchema,
  IsoSchema,
  LocationKindSchema,
  PurposeSchema,
  Sha256Schema,
  StaffRoleSchema,
  VerdictSchema,
} from './common.ts'
import { AttestationsSchema } from '../policy/schema.ts'
import { VERSION_FIELDS } from './recordVersion.ts'
import { PIN_SCHEME_SPLIT } from './staffAuthority.ts'

const Text = z.string().max(2000)
const Name = z.string().max(200)

export const SettingWireSchema = z.object({
  id: IdSchema,
  name: Name,
  isDemo: z.boolean(),
  idleLockMinutes: z.number().int().min(1).max(240),
  defaultPurposes: z.array(PurposeSchema),
})

export const RoomWireSchema = z.object({ id: IdSchema, name: Name, ageRange: Name })

export const LocationWireSchema = z.object({
  id: IdSchema,
  name: Name,
  kind: LocationKindSchema,
  roomId: IdSchema.nullable(),
  archived: z.boolean(),
  ...VERSION_FIELDS,
})

export const ChildWireSchema = z.object({
  id: IdSchema,
  firstName: Name,
  lastName: Name,
  roomId: IdSchema,
  keyworkerId: IdSchema,
  dateOfBirth: DateSchema,
  leavingDate: DateSchema.nullable(),
  ...VERSION_FIELDS,
})

export const GivenByWireSchema = z.object({
  name: Name,
  relationship: Name,
  parentalResponsibility: z.boolean(),
})

export const ConsentWireSchema = z.object({
  id: IdSchema,
  childId: IdSchema,
  purpose: PurposeSchema,
  status: ConsentStatusSchema,
  givenBy: GivenByWireSchema,
  recordedAt: IsoSchema,
  recordedBy: IdSchema,
  reviewDue: IsoSchema.nullable(),
  supersedes: IdSchema.nullable(),
  note: Text.optional(),
  formRef: Name.optional(),
  /** The day the parent signed the form (YYYY-MM-DD); absent for a withdrawal by word. */
  signedOn: DateSchema.optional(),
  conditions: Text.optional(),
})

export const InjuryWireSchema = z.object({
  id: IdSchema,
  childId: IdSchema,
  recordedAt: IsoSchema,
  recordedBy: IdSchema,
  description: Text,
  clearedAt: IsoSchema.nullable(),
  clearedBy: IdSchema.nullable(),
  ...VERSION_FIELDS,
})

export const StaffWireSchema = z.object({
  id: IdSchema,
  name: Name,
  role: StaffRoleSchema,
  canCapture: z.boolean(),
  roomId: IdSchema.nullable(),
  active: z.boolean(),
  ...VERSION_FIELDS,
})

/**
 * A salted PBKDF2-SHA-256 verifier of a PIN, as the device makes it (src/db/pinHash.ts).
 * `scheme` absent (v1, older rows): `hashB64` is the PBKDF2 output itself and there is no
 * signing key. `PIN_SCHEME_SPLIT` (v2): `hashB64` is the verifier split from the PBKDF2 master
 * and `publicKeyHex` the key the person's changes are signed with (staffAuthority.ts).
 */
export const PinHashWireSchema = z
  .object({
    saltB64: z.base64().max(200),
    hashB64: z.base64().max(200),
    iterations: z.number().int().min(100_000).max(10_000_000),
    scheme: z.literal(PIN_SCHEME_SPLIT).optional(),
    publicKeyHex: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
  })
  .refine((pin) => (pin.scheme === undefined) === (pin.publicKeyHex === undefined), {
    message: 'A v2 PIN verifier comes with its public key, and only a v2 one has one',
  })

/**
 * A person's PIN verifier. `mustChange`: a one-time PIN (set by the manager or the admin
 * command) that its owner must replace at their next sign-in.
 */
export const StaffPinWireSchema = z.object({
  id: IdSchema,
  pin: PinHashWireSchema,
  mustChange: z.boolean().optional(),
})

export const RemovalFlagWireSchema = z.object({
  at: IsoSchema,
  childId: IdSchema,
  purposes: z.array(PurposeSchema),
})

/** What the practitioner confirmed at the save: the policy's own schema. */
export const AttestationsWireSchema = AttestationsSchema

/**
 * A parent's condition the practitioner confirmed the photo meets: which condition
 * (the child, the consent records that carry it, its words), by whom, when.
 */
export const ConditionAcknowledgementWireSchema = z.object({
  childId: IdSchema,
  consentIds: z.array(IdSchema).min(1).max(20),
  purposes: z.array(PurposeSchema).max(20),
  text: Text,
  staffId: IdSchema,
  at: IsoSchema,
})

export const PhotoMetaWireSchema = z.object({
  id: IdSchema,
  takenAt: IsoSchema,
  staffId: IdSchema,
  deviceId: IdSchema,
  locationId: IdSchema,
  childIds: z.array(IdSchema).max(100),
  purposes: z.array(PurposeSchema).max(20),
  caption: Text,
  adultInFrame: z.boolean(),
  reason: Text.nullable(),
  decision: z.object({ verdict: VerdictSchema, rules: z.array(z.string().max(100)).max(50) }),
  checksum: Sha256Schema,
  bytes: z.number().int().min(1).max(50_000_000),
  width: z.number().int().min(1),
  height: z.number().int().min(1),
  deleted: z.object({ at: IsoSchema, by: IdSchema, reason: Text }).nullable(),
  flaggedForRemoval: z.array(RemovalFlagWireSchema),
  /** Given by devices that keep them; otherwise the server reads them from the saved photo. */
  attestations: AttestationsWireSchema.optional(),
  /** Absent on photos saved before conditions were recorded (shown as "Not recorded"). */
  conditionsAcknowledged: z.array(ConditionAcknowledgementWireSchema).max(100).optional(),
})

/** What the server says about one photo it holds: quarantined, flagged, image stored. */
export const PhotoStatusWireSchema = z.object({
  id: IdSchema,
  stored: z.boolean(),
  quarantine: z.object({ at: IsoSchema, rules: z.array(z.string()), message: Text }).nullable(),
  flaggedForRemoval: z.array(RemovalFlagWireSchema),
  /**
   * The photo was erased on the server (its image is gone for good); every tablet
   * deletes its copies. Absent from servers before it, so optional.
   */
  erased: z.object({ at: IsoSchema, by: IdSchema, reason: Text }).nullable().optional(),
  /**
   * Children removed from this (group) photo at a parent's request; every tablet
   * removes them from its copy. Absent: none (and from servers before it).
   */
  removedChildIds: z.array(IdSchema).optional(),
})

export type SettingWire = z.infer<typeof SettingWireSchema>
export type RoomWire = z.infer<typeof RoomWireSchema>
export type LocationWire = z.infer<typeof LocationWireSchema>
export type ChildWire = z.infer<typeof ChildWireSchema>
export type ConsentWire = z.infer<typeof ConsentWireSchema>
export type InjuryWire = z.infer<typeof InjuryWireSchema>
export type StaffWire = z.infer<typeof StaffWireSchema>
export type PinHashWire = z.infer<typeof PinHashWireSchema>
export type StaffPinWire = z.infer<typeof StaffPinWireSchema>
export type RemovalFlagWire = z.infer<typeof RemovalFlagWireSchema>
export type AttestationsWire = z.infer<typeof AttestationsWireSchema>
export type ConditionAcknowledgementWire = z.infer<typeof ConditionAcknowledgementWireSchema>
export type PhotoMetaWire = z.infer<typeof PhotoMetaWireSchema>
export type PhotoStatusWire = z.infer<typeof PhotoStatusWireSchema>
