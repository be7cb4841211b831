/**
 * The building blocks of every sync message: ids, times and the closed vocabularies.
 *
 * Invariant: the vocabularies are the policy's own (src/policy/schema.ts, roles.ts). protocol
 * may not import policy (STYLE.md: both are pure and import nothing of ours), so they are
 * repeated here and `vocabulary.test.ts` fails the build the day the two lists differ.
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

export const STAFF_ROLES = ['manager', 'keyworker', 'practitioner', 'student', 'volunteer'] as const

export const VERDICTS = ['allow', 'needs_reason', 'block'] as const

/** An ISO 8601 date-time with an explicit offset, never a local time. */
export const IsoSchema = z.iso.datetime({ offset: true })
/** A calendar date, YYYY-MM-DD. */
export const DateSchema = z.iso.date()
/** Ids are client-made (UUIDs) or fixed (the demo); bounded so a row key stays a row key. */
export const IdSchema = z.string().min(1).max(200)
/** SHA-256 as 64 lower-case hex digits. */
export const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lower-case hex')

export const PurposeSchema = z.enum(PURPOSES)
export const LocationKindSchema = z.enum(LOCATION_KINDS)
export const ConsentStatusSchema = z.enum(CONSENT_STATUSES)
export const StaffRoleSchema = z.enum(STAFF_ROLES)
export const VerdictSchema = z.enum(VERDICTS)

export type Iso = z.infer<typeof IsoSchema>
export type Purpose = z.infer<typeof PurposeSchema>
export type StaffRole = z.infer<typeof StaffRoleSchema>
