/**
 * The building blocks of every sync message: ids, times and the closed vocabularies.
 *
 * Invariant: the vocabularies are the policy's own, imported from src/policy (schema.ts,
 * roles.ts), never repeated: a purpose, role or verdict the engine does not know can never be
 * carried (docs/decisions/0021-one-shape-written-once.md).
 */
import { z } from 'zod'
import { STAFF_ROLES } from '../policy/roles.ts'

export {
  CONSENT_STATUSES,
  ConsentStatusSchema,
  IsoSchema,
  LOCATION_KINDS,
  LocationKindSchema,
  PURPOSES,
  PurposeSchema,
  VERDICTS,
  VerdictSchema,
  type Iso,
  type Purpose,
} from '../policy/schema.ts'
export { STAFF_ROLES, type StaffRole } from '../policy/roles.ts'

/** A calendar date, YYYY-MM-DD. */
export const DateSchema = z.iso.date()
/** Ids are client-made (UUIDs) or fixed (the demo); bounded so a row key stays a row key. */
export const IdSchema = z.string().min(1).max(200)
/** SHA-256 as 64 lower-case hex digits. */
export const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lower-case hex')

export const StaffRoleSchema = z.enum(STAFF_ROLES)
