/**
 * Push: the device sends its outbox, oldest first, in batches. Each change carries the id the
 * device made for it; the server applies a change id at most once, so a batch sent again
 * (the answer was lost, the app was closed) changes nothing and is answered the same way.
 *
 * Invariants:
 * - A payload is the whole entity after the change, never a diff.
 * - Every change gets a result; `rejected` is final (sending it again cannot help) and says
 *   why in words, so the device can drop it from its outbox, keep the refusal and show it.
 * - A refused record change carries the server's copy of that record as it now stands
 *   (`serverCopy`, its payload null when the server has none), so the device can make its own
 *   copy agree with the server's instead of silently keeping a version the server refused.
 */
import { z } from 'zod'
import { IdSchema, IsoSchema } from './common.ts'
import {
  ChildWireSchema,
  ConsentWireSchema,
  InjuryWireSchema,
  LocationWireSchema,
  PhotoMetaWireSchema,
  StaffPinWireSchema,
  StaffWireSchema,
} from './records.ts'

export const MAX_PUSH_CHANGES = 200

/**
 * `actorId`: who made the change; `proof`: their Ed25519 signature (hex) over
 * `changeProofMessage({ settingId, changeId: id, kind, actorId, payload })`, made with the
 * signing seed their PIN gives (staffAuthority.ts). The server refuses a change without them
 * (docs/decisions/0016-a-change-carries-its-author-s-proof.md).
 */
const header = {
  id: IdSchema,
  createdAt: IsoSchema,
  actorId: IdSchema.nullable().optional(),
  proof: z
    .string()
    .regex(/^[0-9a-f]{128}$/)
    .optional(),
}

export const PushChangeSchema = z.discriminatedUnion('kind', [
  z.object({ ...header, kind: z.literal('consent'), payload: ConsentWireSchema }),
  z.object({ ...header, kind: z.literal('injury'), payload: InjuryWireSchema }),
  z.object({ ...header, kind: z.literal('staff'), payload: StaffWireSchema }),
  z.object({ ...header, kind: z.literal('staffPin'), payload: StaffPinWireSchema }),
  z.object({ ...header, kind: z.literal('child'), payload: ChildWireSchema }),
  z.object({ ...header, kind: z.literal('location'), payload: LocationWireSchema }),
  z.object({ ...header, kind: z.literal('photo'), payload: PhotoMetaWireSchema }),
])

export const PushRequestSchema = z.object({
  settingId: IdSchema,
  changes: z.array(PushChangeSchema).min(1).max(MAX_PUSH_CHANGES),
})

export const PUSH_STATUSES = ['applied', 'duplicate', 'rejected'] as const

const copy = { id: IdSchema }

/** The server's copy of a refused change's record; absent for photos and from older servers. */
export const ServerCopySchema = z.discriminatedUnion('kind', [
  z.object({ ...copy, kind: z.literal('consent'), payload: ConsentWireSchema.nullable() }),
  z.object({ ...copy, kind: z.literal('injury'), payload: InjuryWireSchema.nullable() }),
  z.object({ ...copy, kind: z.literal('staff'), payload: StaffWireSchema.nullable() }),
  z.object({ ...copy, kind: z.literal('staffPin'), payload: StaffPinWireSchema.nullable() }),
  z.object({ ...copy, kind: z.literal('child'), payload: ChildWireSchema.nullable() }),
  z.object({ ...copy, kind: z.literal('location'), payload: LocationWireSchema.nullable() }),
])

export const PushResultSchema = z.object({
  id: IdSchema,
  status: z.enum(PUSH_STATUSES),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  serverCopy: ServerCopySchema.optional(),
})

export const PushResponseSchema = z.object({
  ok: z.literal(true),
  results: z.array(PushResultSchema),
})

export type PushChange = z.infer<typeof PushChangeSchema>
export type PushKind = PushChange['kind']
export type PushRequest = z.infer<typeof PushRequestSchema>
export type PushResult = z.infer<typeof PushResultSchema>
export type PushResponse = z.infer<typeof PushResponseSchema>
export type ServerCopy = z.infer<typeof ServerCopySchema>
