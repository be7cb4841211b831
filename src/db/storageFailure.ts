/**
 * Turns a failed IndexedDB write into words: the tablet is full, or the browser has lost or
 * closed the database. Either way IndexedDB aborted the whole transaction, so nothing was
 * half-written and the caller still holds what it tried to store.
 *
 * Invariant: only storage failures become values; anything else is a bug and is rethrown.
 */
import type { DbError } from './result.ts'

export type StorageFailureCode = 'storage-full' | 'storage-lost'

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
  if (all.some((n) => LOST_NAMES.has(n))) {
    return {
      code: 'storage-lost',
      message:
        'The tablet could not write to its storage, so the photo was not saved. It is still here: tap Save again. If it keeps failing, reload ConsentLens.',
    }
  }
  return null
}
