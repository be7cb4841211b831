/**
 * The page's side of the image pipeline: hands frames to the worker and resolves with the
 * processed image. One worker is reused for the session; frames are transferred, not copied.
 */
import type { PipelineRequest, PipelineResponse } from './pipelineMessages.ts'
import type { ProcessedImage } from './processImage.ts'

export type PipelineResult = { ok: true; image: ProcessedImage } | { ok: false; error: string }

export interface ImagePipeline {
  process(source: ImageBitmap | Blob): Promise<PipelineResult>
  dispose(): void
}

export function createImagePipeline(): ImagePipeline {
  const worker = new Worker(new URL('./pipeline.worker.ts', import.meta.url), { type: 'module' })
  const pending = new Map<number, (r: PipelineResult) => void>()
  let nextId = 1
  worker.onmessage = (event: MessageEvent<PipelineResponse>) => {
    const response = event.data
    const resolve = pending.get(response.id)
    pending.delete(response.id)
    resolve?.(response.ok ? { ok: true, image: response.result } : response)
  }
  worker.onerror = () => {
    for (const resolve of pending.values()) {
      resolve({ ok: false, error: 'The photo could not be processed. Try again.' })
    }
    pending.clear()
  }
  return {
    process(source) {
      const id = nextId++
      const message: PipelineRequest = { id, source }
      return new Promise((resolve) => {
        pending.set(id, resolve)
        worker.postMessage(message, source instanceof Blob ? [] : [source])
      })
    },
    dispose() {
      worker.terminate()
    },
  }
}
