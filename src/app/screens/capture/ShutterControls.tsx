// The shutter and the tablet's own camera app, under the viewfinder. "Take photo" stays in the
// tab order while the camera starts or no place is chosen (aria-disabled, not disabled), so
// focus can rest on it after a save or a discard; a tap then does nothing until it is ready.
import type { Ref } from 'react'

type Props = {
  ready: boolean
  canShoot: boolean
  shutterError: string | null
  shutterRef: Ref<HTMLButtonElement>
  onShutter: () => void
  onFile: (file: Blob) => void
}

export function ShutterControls({ ready, canShoot, shutterError, shutterRef, ...on }: Props) {
  const live = ready && canShoot
  return (
    <div className="viewfinder__controls">
      <button
        ref={shutterRef}
        type="button"
        className="button button--primary shutter"
        aria-disabled={!live}
        onClick={() => {
          if (live) on.onShutter()
        }}
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
            if (file !== undefined) on.onFile(file)
          }}
        />
      </label>
      {shutterError !== null && (
        <p className="viewfinder__error" role="alert">
          {shutterError}
        </p>
      )}
    </div>
  )
}
