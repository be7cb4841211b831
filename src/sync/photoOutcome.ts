/**
 * What became of one photo sent to the server, shared by the one-photo upload and the batch
 * (uploadPhotos.ts, photoBatches.ts): the server's acknowledgement, nothing to send, or why not.
 */
import type { SyncError } from './syncApi.ts'

export interface Acknowledged {
  id: string
  checksum: string
  /** The server answered its thumbnail for good (took it, or never will). */
  thumbnailDone?: boolean
}

export type PhotoOutcome = Acknowledged | 'skipped' | SyncError

/** Answers about a thumbnail that are final: it is not sent again (uploadThumbnails.ts too). */
export const THUMBNAIL_FINAL = new Set([
  'photo_unknown',
  'forbidden',
  'bad_request',
  'conflict',
  'photo_erased',
])

/** A thumbnail answer is final when the server took it or will never take it. */
export function thumbnailFinal(answer: { ok: true } | { ok: false; error: { code: string } }) {
  return answer.ok || THUMBNAIL_FINAL.has(answer.error.code)
}

export const UNCONFIRMED: SyncError = {
  code: 'upload_unconfirmed',
  message: 'The server did not confirm this photo. It stays on this iPad and is sent again later.',
  status: null,
}
