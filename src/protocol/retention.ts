/**
 * Retention and a parent's requests, for the manager, behind the device
 * credential and the manager's signed request, like the removal list:
 *   GET  /api/library/retention                              the setting's retention per purpose
 *   POST /api/library/retention                              the manager sets it
 *   GET  /api/library/children/:childId/subject-access       one ZIP: everything about the child
 *   GET  /api/library/children/:childId/erasure              what erasing the child would do
 *   POST /api/library/children/:childId/erasure              erase the child's photos
 *
 * Invariants:
 * - A photo is kept as long as any of its children's purposes still allows it (the longest).
 * - Erasure for one child erases every photo of that child alone; a group photo is erased too
 *   unless the manager names it in `keep` (it stays for the other children, without the child).
 */
import { z } from 'zod'
import { IdSchema, IsoSchema } from './common.ts'
import { LibraryPhotoSchema } from './library.ts'

export const RetentionPolicySchema = z.object({
  /** Learning journeys (and group photos in them): months after the child's leaving date. */
  journeyMonthsAfterLeaving: z.number().int().min(0).max(120),
  /** Displays in the setting: months after the photo was taken. */
  displayMonths: z.number().int().min(1).max(120),
  /**
   * Website, social media and publicity: until the parent's approval ends; a photo with no
   * approval yet is kept this many months after it was taken, to ask for one.
   */
  publicityMonthsWithoutApproval: z.number().int().min(0).max(24),
})

export const RetentionAnswerSchema = z.object({
  ok: z.literal(true),
  policy: RetentionPolicySchema,
  defaults: RetentionPolicySchema,
  /** Who set it and when; null: the defaults were never changed. */
  updatedBy: IdSchema.nullable(),
  updatedAt: IsoSchema.nullable(),
})

export const ChildErasurePreviewSchema = z.object({
  ok: z.literal(true),
  /** Photos of this child alone: erased. */
  solo: z.array(LibraryPhotoSchema),
  /** Photos with other children too: erased unless kept for the others' journals. */
  group: z.array(LibraryPhotoSchema),
})

export const ChildErasureRequestSchema = z.object({
  /** In the parent's or the manager's words, for the audit. */
  reason: z.string().trim().min(1).max(500),
  /** Group photos the manager keeps for the other children (the child leaves their record). */
  keep: z.array(IdSchema).max(10_000),
})

export const ChildErasureResponseSchema = z.object({
  ok: z.literal(true),
  erased: z.array(IdSchema),
  kept: z.array(IdSchema),
})

export type RetentionPolicy = z.infer<typeof RetentionPolicySchema>
export type RetentionAnswer = z.infer<typeof RetentionAnswerSchema>
export type ChildErasurePreview = z.infer<typeof ChildErasurePreviewSchema>
export type ChildErasureRequest = z.infer<typeof ChildErasureRequestSchema>
export type ChildErasureResponse = z.infer<typeof ChildErasureResponseSchema>
