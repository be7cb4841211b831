/**
 * The image pipeline: decode, resize to at most 2048 px, re-encode as JPEG, make a 320 px
 * thumbnail, and take the SHA-256 of the stored bytes. Runs in a Web Worker (see
 * pipeline.worker.ts) so the practitioner's screen never stalls.
 *
 * Invariant: the output is always a fresh encode from pixels, so no metadata of the input
 * (EXIF, GPS position, camera serial, XMP) can survive into what is stored.
 */
import { fitWithin, JPEG_QUALITY, MAX_EDGE, THUMB_EDGE, THUMB_QUALITY } from './fitWithin.ts'

export interface ProcessedImage {
  image: Blob
  thumbnail: Blob
  /** Lower-case hex SHA-256 of the stored image bytes. */
  checksum: string
  width: number
  height: number
  bytes: number
}

export async function sha256Hex(data: ArrayBuffer): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', data)
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('')
}

function draw(
  source: ImageBitmap | OffscreenCanvas,
  width: number,
  height: number,
): OffscreenCanvas {
  const canvas = new OffscreenCanvas(width, height)
  const ctx = canvas.getContext('2d', { alpha: false })
  if (ctx === null) throw new Error('This device cannot draw images (no 2D canvas).')
  ctx.imageSmoothingQuality = 'high'
  ctx.drawImage(source, 0, 0, width, height)
  return canvas
}

/** Decode a file (from the file input) into pixels, honouring its EXIF orientation. */
export async function decodeBlob(blob: Blob): Promise<ImageBitmap> {
  try {
    return await createImageBitmap(blob, { imageOrientation: 'from-image' })
  } catch {
    throw new Error('This file is not an image the device can read. Try taking the photo again.')
  }
}

export async function processImage(bitmap: ImageBitmap): Promise<ProcessedImage> {
  const size = fitWithin({ width: bitmap.width, height: bitmap.height }, MAX_EDGE)
  const full = draw(bitmap, size.width, size.height)
  bitmap.close()
  const thumbSize = fitWithin(size, THUMB_EDGE)
  const [image, thumbnail] = await Promise.all([
    full.convertToBlob({ type: 'image/jpeg', quality: JPEG_QUALITY }),
    draw(full, thumbSize.width, thumbSize.height).convertToBlob({
      type: 'image/jpeg',
      quality: THUMB_QUALITY,
    }),
  ])
  const checksum = await sha256Hex(await image.arrayBuffer())
  return { image, thumbnail, checksum, width: size.width, height: size.height, bytes: image.size }
}
