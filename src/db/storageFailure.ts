/**
 * Turns a failed IndexedDB write into words: the tablet is full, or the browser has lost or
 * closed the database, or (WebKit's private mode) it refuses to keep photos at all. Either way IndexedDB aborted the whole transaction, so nothing was
 * half-written and the caller still holds what it tried to store.
 *
 * Invariant: only storage failures become values; anything else is a bug and is rethrown.
 */
import type { DbError } from './result.ts'

export type StorageFailureCode = 'storage-full' | 'storage-lost' | 'storage-refuses-photos'

const LOST_NAMES = new Set([
  'DatabaseClosedError',
  'OpenFailedError',
  'InvalidStateError',
  'UnknownError',
  'AbortError',
  'TransactionInactiveError',
  'MissingAPIError',
  'NotFoundError',
])

/** What to say when the browser cannot keep photos at all: at start, and at Save. */
export const PHOTOS_REFUSED =
  'This browser is in a private mode that cannot keep photos, so no photo can be saved. Open ConsentLens in a normal (not private) Safari window, or from its icon on the Home Screen.'

/** WebKitGTK 2.50's refusal of a Blob in an ephemeral session (blobStorage.ts). */
const BLOB_REFUSED_MESSAGE = 'Error preparing Blob/File data'

function refusesBlob(error: unknown): boolean {
  let current: unknown = error
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    if ('message' in current && typeof current.message === 'string') {
      if (current.message.includes(BLOB_REFUSED_MESSAGE)) return true
    }
    current = 'inner' in current ? current.inner : undefined
  }
  return false
}

function names(error: unknown): string[] {
  const found: string[] = []
  let current: unknown = error
  // Dexie wraps the browser's error in `inner`; look through the whole chain.
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    if ('name' in current && typeof current.name === 'string') found.push(current.name)
    current = 'inner' in current ? current.inner : undefined
  }
  return found
}

export function storageFailure(error: unknown): DbError<StorageFailureCode> | null {
  const all = names(error)
  if (all.includes('QuotaExceededError')) {
    return {
      code: 'storage-full',
      message:
        'The tablet is full, so the photo was not saved. It is still here: send waiting photos or delete old ones on "Photos on this tablet", then tap Save again.',
    }
  }
  if (all.includes('DataCloneError') || refusesBlob(error)) {
    // WebKit's private mode refuses photos in IndexedDB: reloading cannot help (blobStorage.ts).
    return { code: 'storage-refuses-photos', message: PHOTOS_REFUSED }
  }
  if (all.some((n) => LOST_NAMES.has(n))) {
    return {
      code: 'storage-lost',
      message:
        'The tablet could not write to its storage, so the photo was not saved. It is still here: tap Save again. If it keeps failing, reload ConsentLens.',
    }
  }
  return null
}
