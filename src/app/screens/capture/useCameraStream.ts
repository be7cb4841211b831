// The live camera while it is wanted: on screen, no photo held. The stream stops whenever the
// workspace is hidden (tablet locked, someone else signed in) or a photo is held, and starts
// again when it is wanted again: nobody films a locked room, and no frame is kept by accident.
import { useCallback, useEffect, useRef, useState } from 'react'
import { openCamera, stopCamera } from '../../../capture/camera.ts'

export type CameraState =
  | { status: 'off' }
  | { status: 'starting' }
  | { status: 'live' }
  | { status: 'failed'; message: string }

export function useCameraStream(wanted: boolean) {
  const videoRef = useRef<HTMLVideoElement>(null)
  const [state, setState] = useState<CameraState>({ status: 'off' })
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    if (!wanted) return
    const video = videoRef.current
    let stream: MediaStream | null = null
    const run = { cancelled: false }
    // A function, not a read of `run`: the effect's cleanup changes it while `start` awaits.
    const stopped = () => run.cancelled
    const start = async () => {
      setState({ status: 'starting' })
      const result = await openCamera()
      if (stopped()) {
        if (result.ok) stopCamera(result.stream)
        return
      }
      if (!result.ok) {
        setState({ status: 'failed', message: result.error.message })
        return
      }
      stream = result.stream
      if (video !== null) {
        video.srcObject = stream
        await video.play().catch(() => undefined)
      }
      if (!stopped()) setState({ status: 'live' })
    }
    void start()
    return () => {
      run.cancelled = true
      stopCamera(stream)
      if (video !== null) video.srcObject = null
    }
  }, [wanted, attempt])

  const retry = useCallback(() => {
    setAttempt((n) => n + 1)
  }, [])
  return { videoRef, camera: wanted ? state : ({ status: 'off' } as const), retry }
}
