// Asks the browser, once, to keep our storage even when the tablet runs low on space. Photos
// wait in IndexedDB until they are synced; best-effort storage could be cleared before then.
// Chrome decides silently (installed apps are usually granted); Firefox may ask the person,
// which is why we ask only once and first check whether it is already granted.
import type { StorageStatus } from '../stores/pwaStore.ts'

export type StorageManagerLike = Pick<StorageManager, 'persist' | 'persisted'>

const asked = new WeakMap<StorageManagerLike, Promise<StorageStatus>>()

export function requestPersistentStorage(
  storage: StorageManagerLike | undefined,
): Promise<StorageStatus> {
  if (storage === undefined || typeof storage.persist !== 'function') {
    return Promise.resolve('unsupported')
  }
  let answer = asked.get(storage)
  if (answer === undefined) {
    answer = ask(storage)
    asked.set(storage, answer)
  }
  return answer
}

async function ask(storage: StorageManagerLike): Promise<StorageStatus> {
  try {
    if (await storage.persisted()) return 'persisted'
    return (await storage.persist()) ? 'persisted' : 'not-persisted'
  } catch {
    // Some browsers reject in private windows; treat it as "not promised", which it is.
    return 'not-persisted'
  }
}
