// The photo between the shutter and the save or discard: held in memory only (React state and
// a Blob), never in storage. The frame goes to the image pipeline's worker at once, so the
// encoding is usually done before the practitioner has finished tagging.
//
// Invariants: one worker per screen, ended when the screen goes; every preview object URL is
// revoked when its photo is let go.
import { useCallback, useEffect, useRef, useState } from 'react'
import { grabFrame } from '../../../capture/camera.ts'
import {
  createImagePipeline,
  type ImagePipeline,
  type PipelineResult,
} from '../../../capture/imagePipeline.ts'
import type { Iso } from '../../../policy/index.ts'
import { nowIso } from '../../data/clock.ts'

export type HeldPhoto = {
  /** Made at the shutter: the saved photo's id, so a second save is recognised. */
  photoId: string
  takenAt: Iso
  /** Resolves once the worker has encoded the photo (or could not). */
  processing: Promise<PipelineResult>
  result: PipelineResult | null
  previewUrl: string | null
}

export function useHeldPhoto() {
  const pipeline = useRef<ImagePipeline | null>(null)
  const [held, setHeld] = useState<HeldPhoto | null>(null)
  const currentId = useRef<string | null>(null)
  const [shutterError, setShutterError] = useState<string | null>(null)

  useEffect(() => () => pipeline.current?.dispose(), [])
  useEffect(() => {
    const url = held?.previewUrl
    return () => {
      if (url != null) URL.revokeObjectURL(url)
    }
  }, [held?.previewUrl])

  const hold = useCallback((source: ImageBitmap | Blob) => {
    pipeline.current ??= createImagePipeline()
    const photoId = globalThis.crypto.randomUUID()
    const processing = pipeline.current.process(source)
    currentId.current = photoId
    setHeld({ photoId, takenAt: nowIso(), processing, result: null, previewUrl: null })
    void processing.then((result) => {
      // Let go before it was ready (discarded, screen left): nothing to show, nothing kept.
      if (currentId.current !== photoId) return
      const previewUrl = result.ok ? URL.createObjectURL(result.image.image) : null
      setHeld((h) => (h?.photoId === photoId ? { ...h, result, previewUrl } : h))
    })
  }, [])

  const shutter = useCallback(
    async (video: HTMLVideoElement | null) => {
      setShutterError(null)
      if (video === null) return
      try {
        hold(await grabFrame(video))
      } catch (error) {
        setShutterError(error instanceof Error ? error.message : 'The camera is not ready yet.')
      }
    },
    [hold],
  )

  const release = useCallback(() => {
    currentId.current = null
    setHeld(null)
  }, [])

  return { held, shutter, fromFile: hold, shutterError, release }
}
