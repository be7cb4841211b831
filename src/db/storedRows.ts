/**
 * What a row of each store must look like today, as zod schemas that upgrades parse old rows
 * with (they are `unknown` until checked). Each is typed against its record type
 * (src/model/records.ts), so a schema that drifts from the shape it checks is a compile error;
 * records that travel are checked with the protocol's own schemas.
 *
 * Invariant: an upgrade only validates with these; it never writes a parsed copy back (zod
 * strips fields it does not know, and a row keeps everything it had).
 */
import { z } from 'zod'
import {
  AttestationsSchema,
  IsoSchema,
  PurposeSchema,
  RULE_IDS,
  SeveritySchema,
  VerdictSchema,
  type Finding,
} from '../policy/index.ts'
import {
  ChildWireSchema,
  ConsentWireSchema,
  InjuryWireSchema,
  LocationWireSchema,
  PhotoMetaWireSchema,
  PhotoStatusWireSchema,
  PinHashWireSchema,
  RoomWireSchema,
  SettingFactsSchema,
  SettingWireSchema,
  StaffWireSchema,
} from '../protocol/index.ts'
import type { Device, PhotoMeta, Refusal, StaffRecord } from '../model/records.ts'
import type { AuditEvent } from './auditLog.ts'
import type { OutboxKind } from './outbox.ts'

const RuleIdSchema = z.enum(RULE_IDS)

const FindingSchema = z.object({
  rule: RuleIdSchema,
  severity: SeveritySchema,
  childId: z.string().optional(),
  purpose: PurposeSchema.optional(),
  message: z.string(),
}) satisfies z.ZodType<Finding>

const StaffRow = StaffWireSchema.extend({
  pin: PinHashWireSchema.nullable(),
  mustChangePin: z.boolean().optional(),
  failedAttempts: z.number().int().min(0),
  lockedUntil: IsoSchema.nullable(),
  lockouts: z.number().int().min(0),
}) satisfies z.ZodType<StaffRecord>

const DeviceRow = z.object({
  id: z.string(),
  settingId: z.string(),
  enrolled: z.boolean(),
  revoked: z.boolean(),
  enrolledAt: IsoSchema.nullable(),
  consentDataSyncedAt: IsoSchema.nullable(),
  serverFacts: SettingFactsSchema.optional(),
}) satisfies z.ZodType<Device>

const deletion = z.object({ at: IsoSchema, by: z.string(), reason: z.string() })

const PhotoRow = PhotoMetaWireSchema.extend({
  decision: z.object({
    verdict: VerdictSchema,
    rules: z.array(RuleIdSchema),
    findings: z.array(FindingSchema).optional(),
    permittedPurposes: z.array(PurposeSchema).optional(),
  }),
  syncState: z.enum(['waiting', 'uploading', 'sent']),
  attestations: AttestationsSchema.optional(),
  thumbnailBytes: z.number().int().min(0).optional(),
  thumbnailUploaded: z.literal(true).optional(),
  quarantine: PhotoStatusWireSchema.shape.quarantine.optional(),
  erasedOnServer: deletion.optional(),
}) satisfies z.ZodType<PhotoMeta>

const blob = z.custom<Blob>((value) => value instanceof Blob, 'an image (Blob)')

const PhotoImageRow = z.object({ photoId: z.string(), full: blob.nullable(), thumbnail: blob })

const JsonSchema: z.ZodType = z.json()

const AuditRow = z.object({
  id: z.string(),
  deviceId: z.string(),
  seq: z.number().int().min(1),
  at: IsoSchema,
  staffId: z.string().nullable(),
  type: z.string(),
  details: z.record(z.string(), JsonSchema),
  prevHash: z.string(),
  hash: z.string(),
}) satisfies z.ZodType<Omit<AuditEvent, 'type' | 'details'>>

/** The kinds of change a tablet sends (and the server may refuse). */
const ChangeKind = z.enum([
  'consent',
  'injury',
  'staff',
  'staffPin',
  'child',
  'location',
  'photo',
]) satisfies z.ZodType<OutboxKind>

/** The payload is checked at push (an entry the protocol cannot carry is reported there). */
const OutboxRow = z.object({
  seq: z.number().int(),
  id: z.string(),
  kind: ChangeKind,
  entityId: z.string(),
  createdAt: IsoSchema,
  payload: z.object({ id: z.string() }).loose(),
  actorId: z.string().nullable().optional(),
  proof: z.string().optional(),
})

const RefusalRow = z.object({
  id: z.string(),
  kind: ChangeKind,
  entityId: z.string(),
  madeAt: IsoSchema,
  actorId: z.string().nullable(),
  refusedAt: IsoSchema,
  code: z.string(),
  message: z.string(),
  payload: z.unknown(),
  outcome: z.enum(['server-copy', 'removed', 'kept']),
  seenAt: IsoSchema.nullable(),
}) satisfies z.ZodType<Refusal>

/** Every store and the schema of its rows today. */
export const STORED_ROWS = {
  setting: SettingWireSchema,
  rooms: RoomWireSchema,
  locations: LocationWireSchema,
  children: ChildWireSchema,
  consents: ConsentWireSchema,
  injuries: InjuryWireSchema,
  staff: StaffRow,
  device: DeviceRow,
  photos: PhotoRow,
  photoImages: PhotoImageRow,
  audit: AuditRow,
  outbox: OutboxRow,
  refusals: RefusalRow,
} as const satisfies Record<string, z.ZodType>

export type StoreName = keyof typeof STORED_ROWS
