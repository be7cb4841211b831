// The viewfinder before the shutter, or the held photo after it. When the live camera cannot
// run, the practitioner reads why and what to do, and can still use the tablet's camera app
// through the file input (ShutterControls), whose photo goes through the same pipeline.
import type { RefObject } from 'react'
import type { CameraState } from './useCameraStream.ts'
import type { HeldPhoto } from './useHeldPhoto.ts'

type Props = {
  videoRef: RefObject<HTMLVideoElement | null>
  camera: CameraState
  held: HeldPhoto | null
  onRetry: () => void
}

export function CameraView({ videoRef, camera, held, onRetry }: Props) {
  return (
    <div className="viewfinder__frame">
      <video
        ref={videoRef}
        className="viewfinder__video"
        hidden={held !== null}
        muted
        playsInline
        aria-label="Camera view"
      />
      {held !== null && <HeldImage held={held} />}
      {held === null && camera.status === 'starting' && (
        <p className="viewfinder__note">Starting the camera…</p>
      )}
      {held === null && camera.status === 'failed' && (
        <div className="viewfinder__note" role="alert">
          <p>{camera.message}</p>
          <button type="button" className="button" onClick={onRetry}>
            Try the camera again
          </button>
        </div>
      )}
    </div>
  )
}

function HeldImage({ held }: { held: HeldPhoto }) {
  if (held.result?.ok === false) {
    return (
      <p className="viewfinder__note" role="alert">
        {held.result.error}
      </p>
    )
  }
  if (held.previewUrl === null) return <p className="viewfinder__note">Preparing the photo…</p>
  return <img className="viewfinder__held" src={held.previewUrl} alt="The photo just taken" />
}
