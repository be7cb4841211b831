/**
 * Several small photos in one request: per-request costs (the tablet's fetch, the server's
 * routing and device check, a commit and its flush) are paid once for the batch, not once per
 * photo. Each photo is whole; a photo too big for a batch goes by the chunked upload
 * (photoUpload.ts), which stays, as does the one-photo endpoint for apps already installed.
 *
 *   POST /api/sync/photos/content
 *       body: application/octet-stream:
 *         4 bytes: the manifest's length in bytes, big-endian
 *         the manifest, UTF-8 JSON (PhotoBatchManifestSchema)
 *         for each photo in the manifest's order: its image, then its thumbnail (if any)
 *
 * Invariants:
 * - Each photo is taken by the rules of a whole-image upload (offset 0, every byte, its
 *   SHA-256 checked against the checksum its pushed details declared), and answered on its own
 *   in `results`, in the manifest's order: one refused photo never refuses another.
 * - `complete: true` for a photo means what it means for a single upload: its bytes are on
 *   disk, read back and matched, and its row committed. Its thumbnail, if sent, is answered
 *   in `thumbnail` by the thumbnail request's rules.
 * - A body that does not add up (a manifest that is not one, sizes that do not sum to the
 *   body, a photo named twice, too many photos) is refused whole with 400, before anything is
 *   stored; the tablet keeps every photo and sends them again one by one.
 */
import { z } from 'zod'
import { ApiErrorBodySchema } from './apiError.ts'
import { IdSchema } from './common.ts'
import { MAX_THUMBNAIL_BYTES } from './library.ts'
import { MAX_CHUNK_BYTES, UploadResponseSchema } from './photoUpload.ts'

/** At most this many photos in one batch. */
export const MAX_BATCH_PHOTOS = 8

/** The manifest's length prefix, in bytes. */
export const BATCH_HEAD_BYTES = 4

/** The most a manifest may take (ids of at most 200 characters, eight photos). */
export const MAX_BATCH_MANIFEST_BYTES = 8 * 1024

/** The most the images and thumbnails of one batch may add up to. */
export const MAX_BATCH_PARTS_BYTES = 8 * 1024 * 1024

/** The most one batch's body holds (a bigger one is refused with 413). */
export const MAX_BATCH_BODY_BYTES =
  BATCH_HEAD_BYTES + MAX_BATCH_MANIFEST_BYTES + MAX_BATCH_PARTS_BYTES

export const PhotoBatchPartSchema = z.object({
  photoId: IdSchema,
  /** The whole image: a photo bigger than one chunk is not sent in a batch. */
  imageBytes: z.number().int().min(1).max(MAX_CHUNK_BYTES),
  /** 0: no thumbnail with this photo. */
  thumbnailBytes: z.number().int().min(0).max(MAX_THUMBNAIL_BYTES),
})

export const PhotoBatchManifestSchema = z.object({
  photos: z.array(PhotoBatchPartSchema).min(1).max(MAX_BATCH_PHOTOS),
})

export const PhotoBatchResultSchema = z.union([
  UploadResponseSchema.extend({ photoId: IdSchema }),
  ApiErrorBodySchema.extend({ photoId: IdSchema, status: z.number().int() }),
])

export const PhotoBatchResponseSchema = z.object({
  ok: z.literal(true),
  results: z.array(PhotoBatchResultSchema),
})

export type PhotoBatchPart = z.infer<typeof PhotoBatchPartSchema>
export type PhotoBatchManifest = z.infer<typeof PhotoBatchManifestSchema>
export type PhotoBatchResult = z.infer<typeof PhotoBatchResultSchema>
export type PhotoBatchResponse = z.infer<typeof PhotoBatchResponseSchema>
