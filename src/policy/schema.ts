/**
 * The engine's contract as zod schemas. The TypeScript types are derived from these schemas,
 * so what the compiler checks and what the engine accepts at run time cannot drift apart.
 * Field names follow ../shared/policy/SCENARIOS.md; extra fields are allowed and ignored.
 */
import { z } from 'zod'

export const PURPOSES = [
  'learning_journey',
  'group_photo',
  'display',
  'website',
  'social_parents',
  'social_public',
  'publicity',
] as const

export const LOCATION_KINDS = [
  'room',
  'garden',
  'outing',
  'sleep',
  'toilet',
  'changing',
  'other',
] as const

export const CONSENT_STATUSES = ['granted', 'refused', 'withdrawn'] as const

/** The engine's answer: keep the photo, keep it only with a reason, or never keep it. */
export const VERDICTS = ['allow', 'needs_reason', 'block'] as const

/** An ISO 8601 date-time with an explicit offset ("Z" or "+01:00"), never a local time. */
export const IsoSchema = z.iso.datetime({ offset: true })

export const PurposeSchema = z.enum(PURPOSES)
export const LocationKindSchema = z.enum(LOCATION_KINDS)
export const ConsentStatusSchema = z.enum(CONSENT_STATUSES)
export const VerdictSchema = z.enum(VERDICTS)

const Id = z.string().min(1)

export const GivenBySchema = z.object({
  name: z.string(),
  relationship: z.string(),
  parentalResponsibility: z.boolean(),
})

export const ConsentRecordSchema = z.object({
  id: Id,
  childId: Id,
  purpose: PurposeSchema,
  status: ConsentStatusSchema,
  givenBy: GivenBySchema,
  recordedAt: IsoSchema,
  recordedBy: z.string(),
  /** null: 12 calendar months after recordedAt. */
  reviewDue: IsoSchema.nullable(),
  supersedes: Id.nullable(),
  note: z.string().optional(),
})

export const InjurySchema = z.object({
  recordedAt: IsoSchema,
  clearedAt: IsoSchema.nullable(),
})

export const PolicyChildSchema = z.object({
  id: Id,
  firstName: z.string(),
  lastName: z.string(),
  injuries: z.array(InjurySchema),
})

export const PolicyStaffSchema = z.object({ id: Id, name: z.string(), canCapture: z.boolean() })
export const PolicyDeviceSchema = z.object({
  id: Id,
  enrolled: z.boolean(),
  revoked: z.boolean(),
})
export const PolicyLocationSchema = z.object({
  id: Id,
  name: z.string(),
  kind: LocationKindSchema,
})

/**
 * A list whose ids are unique. A context that lists an id twice contradicts itself (the same
 * member of staff both allowed and not); looking it up by id would silently pick one of the two,
 * so such a context is refused rather than evaluated: it must never fail open.
 */
function uniqueIds<T extends z.ZodType<{ id: string }>>(item: T, what: string) {
  return z.array(item).superRefine((items, ctx) => {
    const seen = new Set<string>()
    items.forEach((entry, index) => {
      if (seen.has(entry.id)) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'id'],
          message: `${what} "${entry.id}" is listed twice; the data on this device contradicts itself. Sync again, and tell the manager if it stays.`,
        })
      }
      seen.add(entry.id)
    })
  })
}

export const PolicyContextSchema = z.object({
  now: IsoSchema,
  consentDataSyncedAt: IsoSchema,
  staff: uniqueIds(PolicyStaffSchema, 'Staff member'),
  devices: uniqueIds(PolicyDeviceSchema, 'Device'),
  locations: uniqueIds(PolicyLocationSchema, 'Location'),
  children: uniqueIds(PolicyChildSchema, 'Child'),
  consents: uniqueIds(ConsentRecordSchema, 'Consent record'),
})

export const AttestationsSchema = z.object({
  fullyDressed: z.boolean(),
  noVisibleInjury: z.boolean(),
  childrenWilling: z.boolean(),
  noChildrenInFrame: z.boolean(),
})

export const CaptureRequestSchema = z.object({
  staffId: z.string(),
  deviceId: z.string(),
  locationId: z.string(),
  at: IsoSchema,
  childIds: z.array(Id),
  purposes: z.array(PurposeSchema),
  adultInFrame: z.boolean(),
  attestations: AttestationsSchema,
  caption: z.string(),
  reason: z.string().nullable(),
})

export const SeveritySchema = z.enum(['block', 'reason', 'warn'])

export type Iso = z.infer<typeof IsoSchema>
export type Purpose = z.infer<typeof PurposeSchema>
export type LocationKind = z.infer<typeof LocationKindSchema>
export type ConsentStatus = z.infer<typeof ConsentStatusSchema>
export type Verdict = z.infer<typeof VerdictSchema>
export type GivenBy = z.infer<typeof GivenBySchema>
export type ConsentRecord = z.infer<typeof ConsentRecordSchema>
export type Injury = z.infer<typeof InjurySchema>
export type PolicyChild = z.infer<typeof PolicyChildSchema>
export type PolicyStaff = z.infer<typeof PolicyStaffSchema>
export type PolicyDevice = z.infer<typeof PolicyDeviceSchema>
export type PolicyLocation = z.infer<typeof PolicyLocationSchema>
export type PolicyContext = z.infer<typeof PolicyContextSchema>
export type Attestations = z.infer<typeof AttestationsSchema>
export type CaptureRequest = z.infer<typeof CaptureRequestSchema>
export type Severity = z.infer<typeof SeveritySchema>
