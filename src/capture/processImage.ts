/**
 * The image pipeline: decode, resize to at most 2048 px, re-encode as JPEG, make a 320 px
 * thumbnail, and take the SHA-256 of the stored bytes. Runs in a Web Worker (see
 * pipeline.worker.ts) so the practitioner's screen never stalls.
 *
 * Invariant: the output is always a fresh encode from pixels, so no metadata of the input
 * (EXIF, GPS position, camera serial, XMP) can survive into what is stored.
 */
import {
  fitWithin,
  JPEG_QUALITY,
  MAX_EDGE,
  THUMB_EDGE,
  THUMB_QUALITY,
  type Size,
} from './fitWithin.ts'

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
  // Bilinear ('low') is exact enough for a reduction of at most 2×, and several times faster
  // than 'high' on a tablet's CPU; `resample` never asks it for more than 2× in one step.
  ctx.imageSmoothingQuality = 'low'
  ctx.drawImage(source, 0, 0, width, height)
  return canvas
}

/**
 * Resize by halving steps until within 2× of the target, then one last step: nearly the
 * quality of a high-quality resample (no aliasing on big reductions, such as the thumbnail)
 * at a fraction of its cost, which keeps shutter-to-saved close to a bare encode.
 */
export function resample(source: ImageBitmap | OffscreenCanvas, target: Size): OffscreenCanvas {
  let current = source
  let size: Size = { width: source.width, height: source.height }
  while (size.width > target.width * 2 && size.height > target.height * 2) {
    size = { width: Math.round(size.width / 2), height: Math.round(size.height / 2) }
    current = draw(current, size.width, size.height)
  }
  return draw(current, target.width, target.height)
}

/** Decode a file (from the file input) into pixels, honouring its EXIF orientation. */
export async function decodeBlob(blob: Blob): Promise<ImageBitmap> {
  try {
    return await createImageBitmap(blob, { imageOrientation: 'from-image' })
  } catch {
    throw new Error('This file is not an image the device can read. Try taking the photo again.')
  }
}

/**
 * A canvas holding exactly the bitmap's pixels, to encode. When no resize is needed (a 1080p
 * frame) the bitmap is handed over without drawing (`bitmaprenderer`: no copy), which saves a
 * full-frame draw; the bitmap is then detached. Elsewhere it is drawn as usual.
 */
function unscaled(bitmap: ImageBitmap): OffscreenCanvas {
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height)
  const renderer = canvas.getContext('bitmaprenderer')
  if (renderer === null) return draw(bitmap, bitmap.width, bitmap.height)
  renderer.transferFromImageBitmap(bitmap)
  return canvas
}

export async function processImage(bitmap: ImageBitmap): Promise<ProcessedImage> {
  const size = fitWithin({ width: bitmap.width, height: bitmap.height }, MAX_EDGE)
  const thumbSize = fitWithin(size, THUMB_EDGE)
  let full: OffscreenCanvas
  let thumbnailCanvas: OffscreenCanvas
  if (size.width === bitmap.width && size.height === bitmap.height) {
    // The thumbnail first: `unscaled` detaches the bitmap.
    thumbnailCanvas = resample(bitmap, thumbSize)
    full = unscaled(bitmap)
  } else {
    // From the resized image, not the bigger frame: fewer halving steps.
    full = resample(bitmap, size)
    thumbnailCanvas = resample(full, thumbSize)
  }
  const [image, thumbnail] = await Promise.all([
    full.convertToBlob({ type: 'image/jpeg', quality: JPEG_QUALITY }),
    thumbnailCanvas.convertToBlob({ type: 'image/jpeg', quality: THUMB_QUALITY }),
  ])
  bitmap.close()
  const checksum = await sha256Hex(await image.arrayBuffer())
  return { image, thumbnail, checksum, width: size.width, height: size.height, bytes: image.size }
}
