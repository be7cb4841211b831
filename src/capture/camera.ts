/**
 * The live camera: rear camera preferred, failures as values with guidance a practitioner
 * can act on (never a blank screen). Frames are grabbed as ImageBitmaps and held in memory
 * only; nothing here writes to storage.
 */

export type CameraErrorCode = 'denied' | 'unavailable' | 'in-use' | 'insecure' | 'unknown'

export type CameraResult =
  | { ok: true; stream: MediaStream }
  | { ok: false; error: { code: CameraErrorCode; message: string } }

const GUIDANCE: Record<CameraErrorCode, string> = {
  denied:
    'The camera is blocked for ConsentLens. On the iPad: Settings › Safari › Camera › Allow, then reload. You can still choose a photo with "Use the camera app".',
  unavailable: 'No camera was found on this device. Use "Use the camera app" instead.',
  'in-use': 'Another app is using the camera. Close it and try again.',
  insecure:
    'The camera only works over a secure connection (https). Ask the manager to check the server address.',
  unknown: 'The camera could not start. Try again, or use "Use the camera app".',
}

export function cameraErrorFor(error: unknown): { code: CameraErrorCode; message: string } {
  const name = error instanceof DOMException || error instanceof Error ? error.name : ''
  const code: CameraErrorCode =
    name === 'NotAllowedError' || name === 'SecurityError'
      ? 'denied'
      : name === 'NotFoundError' || name === 'OverconstrainedError'
        ? 'unavailable'
        : name === 'NotReadableError' || name === 'AbortError'
          ? 'in-use'
          : 'unknown'
  return { code, message: GUIDANCE[code] }
}

export async function openCamera(): Promise<CameraResult> {
  if (!window.isSecureContext)
    return { ok: false, error: { code: 'insecure', message: GUIDANCE.insecure } }
  // mediaDevices is missing altogether in older WebViews, whatever the types say.
  if (!('mediaDevices' in navigator) || typeof navigator.mediaDevices.getUserMedia !== 'function') {
    return { ok: false, error: { code: 'unavailable', message: GUIDANCE.unavailable } }
  }
  try {
    const stream = await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: {
        facingMode: { ideal: 'environment' },
        width: { ideal: 4032 },
        height: { ideal: 3024 },
      },
    })
    return { ok: true, stream }
  } catch (error) {
    return { ok: false, error: cameraErrorFor(error) }
  }
}

export function stopCamera(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop()
}

/** The current frame of a playing video, at the camera's full resolution. */
export async function grabFrame(video: HTMLVideoElement): Promise<ImageBitmap> {
  if (video.videoWidth === 0) throw new Error('The camera is not ready yet. Wait a moment.')
  return createImageBitmap(video)
}
