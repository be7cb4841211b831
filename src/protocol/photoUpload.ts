/**
 * Photo upload: the full image of a photo whose metadata the server already has (pushed
 * first), sent in chunks so a cut connection costs one chunk, not the photo.
 *
 *   PUT /api/sync/photos/:photoId/content?offset=N   body: application/octet-stream
 *
 * Invariants:
 * - The server appends a chunk only at the offset it has reached; any other offset is answered
 *   409 `offset_mismatch` with `received`, where the device resumes.
 * - When `received` reaches the photo's byte count the server computes the SHA-256 of what it
 *   holds; only if it equals the photo's checksum does it answer `complete: true`. That answer
 *   is the acknowledgement that lets the device delete its full image. A mismatch discards the
 *   partial upload (422 `checksum_mismatch`) and the device starts again.
 * - Uploading a photo the server already holds answers `complete: true` at once: three
 *   uploads of one photo are one photo.
 */
import { z } from 'zod'
import { IdSchema, Sha256Schema } from './common.ts'

/** Chunks are at most this big; the server refuses a bigger one (413). */
export const MAX_CHUNK_BYTES = 1024 * 1024
export const DEFAULT_CHUNK_BYTES = 512 * 1024

export const UploadParamsSchema = z.object({ photoId: IdSchema })
export const UploadQuerySchema = z.object({ offset: z.coerce.number().int().min(0) })

export const UploadResponseSchema = z.object({
  ok: z.literal(true),
  received: z.number().int().min(0),
  complete: z.boolean(),
  checksum: Sha256Schema.optional(),
})

export const OffsetMismatchSchema = z.object({
  ok: z.literal(false),
  error: z.object({ code: z.literal('offset_mismatch'), message: z.string() }),
  received: z.number().int().min(0),
})

export type UploadResponse = z.infer<typeof UploadResponseSchema>
export type OffsetMismatch = z.infer<typeof OffsetMismatchSchema>
