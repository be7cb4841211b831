/**
 * Reads a batch upload's body (protocol/photoBatch.ts) into its photos, or says in words why
 * it cannot: a manifest that is not one, sizes that do not add up to the body, a photo named
 * twice. Nothing is stored before the whole body has been read this way, so a malformed batch
 * loses nothing and stores nothing.
 */
import {
  BATCH_HEAD_BYTES,
  MAX_BATCH_MANIFEST_BYTES,
  PhotoBatchManifestSchema,
} from '../../protocol/index.ts'

export interface BatchPhoto {
  photoId: string
  image: Buffer
  /** null: no thumbnail came with this photo. */
  thumbnail: Buffer | null
}

type Refusal = { ok: false; message: string }

export type ParsedBatch = { ok: true; photos: BatchPhoto[] } | Refusal

const RESEND = 'The photos stay on this iPad and are sent again.'

function refused(problem: string): Refusal {
  return { ok: false, message: `This batch of photos could not be read: ${problem}. ${RESEND}` }
}

function manifestOf(body: Buffer): { ok: true; value: unknown; end: number } | Refusal {
  if (body.byteLength < BATCH_HEAD_BYTES) return refused('it is too short to hold a manifest')
  const length = body.readUInt32BE(0)
  const end = BATCH_HEAD_BYTES + length
  if (length === 0 || length > MAX_BATCH_MANIFEST_BYTES || end > body.byteLength) {
    return refused('its manifest length does not fit the body')
  }
  try {
    return { ok: true, value: JSON.parse(body.toString('utf8', BATCH_HEAD_BYTES, end)), end }
  } catch {
    return refused('its manifest is not JSON')
  }
}

export function parsePhotoBatch(body: Buffer): ParsedBatch {
  const read = manifestOf(body)
  if (!read.ok) return read
  const manifest = PhotoBatchManifestSchema.safeParse(read.value)
  if (!manifest.success) {
    const issue = manifest.error.issues[0]
    return refused(
      `its manifest is not valid (${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''})`,
    )
  }
  const parts = manifest.data.photos
  if (new Set(parts.map((p) => p.photoId)).size !== parts.length) {
    return refused('it names the same photo twice')
  }
  const declared = parts.reduce((sum, p) => sum + p.imageBytes + p.thumbnailBytes, 0)
  if (read.end + declared !== body.byteLength) {
    return refused(
      `its manifest declares ${declared} bytes of photos but the body holds ${body.byteLength - read.end}`,
    )
  }
  let at = read.end
  const photos = parts.map((part) => {
    const image = body.subarray(at, at + part.imageBytes)
    at += part.imageBytes
    const thumbnail = part.thumbnailBytes === 0 ? null : body.subarray(at, at + part.thumbnailBytes)
    at += part.thumbnailBytes
    return { photoId: part.photoId, image, thumbnail }
  })
  return { ok: true, photos }
}
