/// <reference lib="webworker" />
/**
 * Worker entry for the image pipeline. Messages carry an id so the page can have several
 * photos in flight; failures come back as values with words a practitioner understands.
 */
import { decodeBlob, processImage } from './processImage.ts'
import type { PipelineRequest, PipelineResponse } from './pipelineMessages.ts'

declare const self: DedicatedWorkerGlobalScope

self.onmessage = (event: MessageEvent<PipelineRequest>) => {
  const { id, source } = event.data
  void (async () => {
    let response: PipelineResponse
    try {
      const bitmap = source instanceof Blob ? await decodeBlob(source) : source
      response = { id, ok: true, result: await processImage(bitmap) }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      response = { id, ok: false, error: message }
    }
    self.postMessage(response)
  })()
}
