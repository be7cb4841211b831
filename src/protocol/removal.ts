/**
 * Removal that really removes, for the manager, behind the device credential and
 * the manager's signed request, like the library:
 *   GET  /api/library/removals                          photos flagged by a withdrawal
 *   POST /api/library/photos/:photoId/takedowns         a person confirms a use taken down
 *   POST /api/library/photos/:photoId/removal           erase it, or keep it for what remains
 *   GET  /api/library/quarantine                        quarantined photos, with rule and reason
 *   POST /api/library/photos/:photoId/erase             erase a quarantined photo
 *   POST /api/library/photos/:photoId/recheck           check it again against today's records
 *
 * Invariants:
 * - Every recorded use of a photo to erase is confirmed taken down first; a photo kept needs
 *   the uses of the withdrawn purposes confirmed. The server says which are still running.
 * - A photo is kept only for the purposes no withdrawal concerns (a photo of two children, one
 *   of whom withdrew `display`, stays for their learning journeys); never "released anyway".
 */
import { z } from 'zod'
import { IdSchema, IsoSchema, PurposeSchema } from './common.ts'
import { LibraryPhotoSchema, UseWireSchema } from './library.ts'

export const REMOVAL_DECISIONS = ['erase', 'keep'] as const

export const TakedownWireSchema = z.object({
  note: z.string(),
  staffId: IdSchema,
  confirmedAt: IsoSchema,
})

export const RemovalUseSchema = UseWireSchema.extend({
  /** A use of a withdrawn purpose: it goes even if the photo is kept for others. */
  withdrawn: z.boolean(),
  takenDown: TakedownWireSchema.nullable(),
})

export const RemovalItemSchema = z.object({
  photo: LibraryPhotoSchema,
  uses: z.array(RemovalUseSchema),
  /** The purposes the withdrawals concern. */
  withdrawnPurposes: z.array(PurposeSchema),
  /** What it could be kept for: its purposes no withdrawal concerns ([]: it must be erased). */
  keepablePurposes: z.array(PurposeSchema),
})

export const RemovalListSchema = z.object({
  ok: z.literal(true),
  items: z.array(RemovalItemSchema),
})

export const ConfirmTakedownRequestSchema = z.object({
  useId: IdSchema,
  /** In the person's words: "taken down", "removed from the journal". */
  note: z.string().trim().min(1).max(200),
})

export const RemovalDecisionRequestSchema = z.object({
  decision: z.enum(REMOVAL_DECISIONS),
  reason: z.string().trim().min(1).max(500),
})

export const RemovalDecisionResponseSchema = z.object({
  ok: z.literal(true),
  decision: z.enum(REMOVAL_DECISIONS),
  keptPurposes: z.array(PurposeSchema),
})

export const QuarantineListSchema = z.object({
  ok: z.literal(true),
  photos: z.array(LibraryPhotoSchema),
})

export const EraseRequestSchema = z.object({ reason: z.string().trim().min(1).max(500) })

export const RecheckResponseSchema = z.object({
  ok: z.literal(true),
  /** The engine passes it now: the quarantine is lifted. False: it stays, with why. */
  released: z.boolean(),
  rules: z.array(z.string()),
  message: z.string(),
})

export type QuarantineList = z.infer<typeof QuarantineListSchema>
export type RecheckResponse = z.infer<typeof RecheckResponseSchema>
export type TakedownWire = z.infer<typeof TakedownWireSchema>
export type RemovalUse = z.infer<typeof RemovalUseSchema>
export type RemovalItem = z.infer<typeof RemovalItemSchema>
export type RemovalList = z.infer<typeof RemovalListSchema>
export type ConfirmTakedownRequest = z.infer<typeof ConfirmTakedownRequestSchema>
export type RemovalDecisionRequest = z.infer<typeof RemovalDecisionRequestSchema>
export type RemovalDecision = (typeof REMOVAL_DECISIONS)[number]
