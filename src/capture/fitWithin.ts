/**
 * Output sizes for the image pipeline: the stored photo is at most 2048 px on its long edge,
 * the thumbnail 320 px; images are never enlarged.
 */

export const MAX_EDGE = 2048
export const THUMB_EDGE = 320
export const JPEG_QUALITY = 0.85
export const THUMB_QUALITY = 0.75

export interface Size {
  width: number
  height: number
}

export function fitWithin(size: Size, maxEdge: number): Size {
  const long = Math.max(size.width, size.height)
  if (!(size.width > 0 && size.height > 0)) throw new RangeError('An image needs a size.')
  if (long <= maxEdge) return { width: size.width, height: size.height }
  const scale = maxEdge / long
  return {
    width: Math.max(1, Math.round(size.width * scale)),
    height: Math.max(1, Math.round(size.height * scale)),
  }
}
