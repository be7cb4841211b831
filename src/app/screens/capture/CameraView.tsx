// The viewfinder before the shutter, or the held photo after it. When the live camera cannot
// run, the practitioner reads why and what to do, and can still use the tablet's camera app
// through the file input (`capture`), whose photo goes through the same pipeline.
import type { RefObject } from 'react'
import type { CameraState } from './useCameraStream.ts'
import type { HeldPhoto } from './useHeldPhoto.ts'

type Props = {
  videoRef: RefObject<HTMLVideoElement | null>
  camera: CameraState
  held: HeldPhoto | null
  canShoot: boolean
  shutterError: string | null
  onShutter: () => void
  onFile: (file: Blob) => void
  onRetry: () => void
}

export function CameraView(props: Props) {
  const { videoRef, camera, held, canShoot, shutterError } = props
  return (
    <div className="viewfinder">
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
            <button type="button" className="button" onClick={props.onRetry}>
              Try the camera again
            </button>
          </div>
        )}
      </div>
      {held === null && (
        <div className="viewfinder__controls">
          <button
            type="button"
            className="button button--primary shutter"
            disabled={!canShoot || camera.status !== 'live'}
            onClick={props.onShutter}
          >
            Take photo
          </button>
          <label className={`button file-fallback${canShoot ? '' : ' file-fallback--off'}`}>
            Use the camera app
            <input
              type="file"
              accept="image/*"
              capture="environment"
              disabled={!canShoot}
              className="visually-hidden"
              onChange={(event) => {
                const file = event.currentTarget.files?.[0]
                event.currentTarget.value = ''
                if (file !== undefined) props.onFile(file)
              }}
            />
          </label>
        </div>
      )}
      {shutterError !== null && <p role="alert">{shutterError}</p>}
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
