/**
 * Photo upload: the full image of a photo whose metadata the server already has (pushed
 * first), sent in chunks so a cut connection costs one chunk, not the photo.
 *
 *   PUT /api/sync/photos/:photoId/content?offset=N[&thumbnailBytes=T]
 *       body: application/octet-stream: the chunk, then (with T) the photo's thumbnail
 *
 * Photos of at most one chunk usually go several to a request instead (photoBatch.ts).
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
 * - The chunk that ends the image may carry the photo's thumbnail (its last T bytes), so a
 *   photo is one request, not two. The thumbnail is taken only once the image is complete, by
 *   the rules of the thumbnail's own request (PUT …/thumbnail, which stays for older apps),
 *   and its answer comes as `thumbnail`; an image that is not complete answers no `thumbnail`,
 *   and the device sends it again with the image's last chunk, or on its own.
 */
import { z } from 'zod'
import { ApiErrorBodySchema } from './apiError.ts'
import { IdSchema, Sha256Schema } from './common.ts'
import { MAX_THUMBNAIL_BYTES, ThumbnailUploadResponseSchema } from './library.ts'

/** Chunks are at most this big; the server refuses a bigger one (413). */
export const MAX_CHUNK_BYTES = 1024 * 1024
export const DEFAULT_CHUNK_BYTES = 512 * 1024

export const UploadParamsSchema = z.object({ photoId: IdSchema })
export const UploadQuerySchema = z.object({
  offset: z.coerce.number().int().min(0),
  /** The body's last this many bytes are the photo's thumbnail, not part of the image. */
  thumbnailBytes: z.coerce.number().int().min(1).max(MAX_THUMBNAIL_BYTES).optional(),
})

/** The most one upload request's body holds: a chunk and a thumbnail. */
export const MAX_UPLOAD_BODY_BYTES = MAX_CHUNK_BYTES + MAX_THUMBNAIL_BYTES

export const UploadResponseSchema = z.object({
  ok: z.literal(true),
  received: z.number().int().min(0),
  complete: z.boolean(),
  checksum: Sha256Schema.optional(),
  /** What became of a thumbnail sent with the image's last chunk. */
  thumbnail: z.union([ThumbnailUploadResponseSchema, ApiErrorBodySchema]).optional(),
})

export const OffsetMismatchSchema = z.object({
  ok: z.literal(false),
  error: z.object({ code: z.literal('offset_mismatch'), message: z.string() }),
  received: z.number().int().min(0),
})

export type UploadResponse = z.infer<typeof UploadResponseSchema>
export type OffsetMismatch = z.infer<typeof OffsetMismatchSchema>
