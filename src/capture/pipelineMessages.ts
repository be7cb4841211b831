/** Messages between the page and the image pipeline worker. */
import type { ProcessedImage } from './processImage.ts'

export interface PipelineRequest {
  id: number
  /** A frame grabbed from the camera, or a file from the file input. */
  source: ImageBitmap | Blob
}

export type PipelineResponse =
  { id: number; ok: true; result: ProcessedImage } | { id: number; ok: false; error: string }
