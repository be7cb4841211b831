/**
 * The setting's photo library on the server, behind the device credential AND the
 * signed-in person's signed request:
 *   GET  /api/library/photos?day&roomId&childId&purpose&before&limit   a page, newest first
 *   GET  /api/library/photos/:photoId                                  one photo, its uses
 *   GET  /api/library/photos/:photoId/thumbnail | /image               its bytes (JPEG)
 *   POST /api/library/photos/:photoId/uses                             record a use
 *   POST /api/library/photos/:photoId/approvals                        a parent's approval
 * and, for the tablet that took a photo, behind its device credential:
 *   PUT  /api/sync/photos/:photoId/thumbnail                           its thumbnail (JPEG)
 *
 * Invariants:
 * - Each photo carries its state *now*: the decision for every use purpose against today's
 *   consent (policy/photoUse.ts), with the reasons when refused.
 * - Ids only, never children's names: the tablet has the roster and names them itself.
 */
import { z } from 'zod'
import { DateSchema, IdSchema, IsoSchema, PurposeSchema } from './common.ts'
import { GivenByWireSchema, RemovalFlagWireSchema } from './records.ts'

export const USE_ACTIONS = ['download', 'share', 'record'] as const
export const USE_PURPOSE_IDS = [
  'learning_journey',
  'display',
  'website',
  'social_parents',
  'social_public',
  'publicity',
] as const
export const PHOTO_STATES = ['in_use', 'flagged', 'quarantined', 'erased'] as const

/** Thumbnails are made by the tablet (320 px JPEG); anything bigger is not one. */
export const MAX_THUMBNAIL_BYTES = 256 * 1024
export const LIBRARY_PAGE = 60

export const UsePurposeSchema = z.enum(USE_PURPOSE_IDS)
export const UseActionSchema = z.enum(USE_ACTIONS)

export const LibraryQuerySchema = z.object({
  day: DateSchema.optional(),
  roomId: IdSchema.optional(),
  childId: IdSchema.optional(),
  purpose: PurposeSchema.optional(),
  /** The `next` of the previous page. */
  before: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(LIBRARY_PAGE),
})

export const UseRefusalWireSchema = z.object({
  code: z.string().max(100),
  childId: IdSchema.nullable(),
  since: IsoSchema.nullable(),
  message: z.string().max(2000),
})

export const UseDecisionWireSchema = z.object({
  purpose: PurposeSchema,
  allowed: z.boolean(),
  reasons: z.array(UseRefusalWireSchema),
})

export const ApprovalWireSchema = z.object({
  id: IdSchema,
  childId: IdSchema,
  givenBy: GivenByWireSchema,
  place: z.string().max(200),
  until: IsoSchema,
  recordedBy: IdSchema,
  recordedAt: IsoSchema,
})

export const UseWireSchema = z.object({
  id: IdSchema,
  purpose: PurposeSchema,
  action: UseActionSchema,
  place: z.string().max(200),
  until: IsoSchema.nullable(),
  staffId: IdSchema,
  usedAt: IsoSchema,
})

export const LibraryPhotoSchema = z.object({
  id: IdSchema,
  takenAt: IsoSchema,
  staffId: IdSchema,
  locationId: IdSchema,
  childIds: z.array(IdSchema),
  purposes: z.array(PurposeSchema),
  caption: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  /** The image and thumbnail the server holds. */
  stored: z.boolean(),
  hasThumbnail: z.boolean(),
  state: z.enum(PHOTO_STATES),
  flags: z.array(RemovalFlagWireSchema),
  quarantine: z.object({ rules: z.array(z.string()), message: z.string() }).nullable(),
  erased: z.object({ at: IsoSchema, reason: z.string() }).nullable(),
  uses: z.array(UseDecisionWireSchema),
  approvals: z.array(ApprovalWireSchema),
})

export const LibraryPageSchema = z.object({
  ok: z.literal(true),
  photos: z.array(LibraryPhotoSchema),
  /** Pass as `before` for the next page; null on the last. */
  next: z.string().nullable(),
})

export const LibraryPhotoDetailSchema = z.object({
  ok: z.literal(true),
  photo: LibraryPhotoSchema,
  history: z.array(UseWireSchema),
})

export const RecordUseRequestSchema = z.object({
  purpose: UsePurposeSchema,
  action: UseActionSchema,
  place: z.string().trim().min(1).max(200),
  /** Displays and publicity: until when it is shown. */
  until: IsoSchema.nullable(),
})

export const RecordUseResponseSchema = z.object({ ok: z.literal(true), use: UseWireSchema })

/** A refused use: the API error, plus every reason (the same words the library shows). */
export const UseRefusedSchema = z.object({
  ok: z.literal(false),
  error: z.object({ code: z.literal('use_refused'), message: z.string() }),
  reasons: z.array(UseRefusalWireSchema),
})

export const RecordApprovalRequestSchema = z.object({
  childId: IdSchema,
  givenBy: GivenByWireSchema.extend({ name: z.string().trim().min(1).max(200) }),
  place: z.string().trim().min(1).max(200),
  until: IsoSchema,
})

export const RecordApprovalResponseSchema = z.object({
  ok: z.literal(true),
  approval: ApprovalWireSchema,
})

/**
 * The file name a photo is downloaded or shared under: the day and a short id, never a
 * child's name (a file name travels wherever the file goes, into any app's list).
 */
export function libraryFileName(photo: { id: string; takenAt: string }): string {
  const id = photo.id.replace(/[^A-Za-z0-9]/g, '').slice(0, 8) || 'photo'
  return `photo-${photo.takenAt.slice(0, 10)}-${id}.jpg`
}

export const ThumbnailUploadResponseSchema = z.object({
  ok: z.literal(true),
  checksum: z.string().regex(/^[0-9a-f]{64}$/),
})

export type ThumbnailUploadResponse = z.infer<typeof ThumbnailUploadResponseSchema>
export type UseAction = z.infer<typeof UseActionSchema>
export type UsePurposeId = z.infer<typeof UsePurposeSchema>
export type LibraryQuery = z.infer<typeof LibraryQuerySchema>
export type LibraryPhoto = z.infer<typeof LibraryPhotoSchema>
export type LibraryPage = z.infer<typeof LibraryPageSchema>
export type LibraryPhotoDetail = z.infer<typeof LibraryPhotoDetailSchema>
export type UseWire = z.infer<typeof UseWireSchema>
export type ApprovalWire = z.infer<typeof ApprovalWireSchema>
export type UseRefusalWire = z.infer<typeof UseRefusalWireSchema>
export type RecordUseRequest = z.infer<typeof RecordUseRequestSchema>
export type RecordApprovalRequest = z.infer<typeof RecordApprovalRequestSchema>
