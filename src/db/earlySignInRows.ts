/**
 * Sign-in's rows (staff and the setting) read straight from IndexedDB while the app's code is
 * still arriving and being evaluated: src/earlySignIn.ts (an entry of its own, run before
 * main.tsx's) starts this, so opening the database (tens of milliseconds on a cold start, far
 * more on a busy tablet) overlaps loading React and Dexie instead of following it.
 *
 * Invariants:
 * - It never creates, upgrades or writes anything. No database yet: the creation is aborted
 *   (nothing is left behind) and the answer is null. A database older than this build
 *   (`LATEST_NATIVE_VERSION`) is left to Dexie's upgrade: null. No setting yet (the demo seed
 *   has not run): null. Any failure: null. Null means "open the database the usual way".
 * - One read-only transaction over `staff` and `setting`; the connection is closed as soon as
 *   the transaction is made, so Dexie's own open (and any upgrade) is never blocked by it.
 * - The rows are as stored; the caller shapes them with the same code as Dexie's read
 *   (signInList.ts), so both list the same people.
 * - No Dexie and no schema imports: evaluating this module must cost next to nothing.
 */
import type { Setting, StaffRecord } from '../model/records.ts'
import { LATEST_NATIVE_VERSION } from './latestVersion.ts'

/** Where the early read leaves its promise (of SignInRows or null) for main.tsx. */
export const EARLY_SIGN_IN = '__consentlensEarlySignIn'

export interface SignInRows {
  staff: StaffRecord[]
  setting: Setting
}

export function readSignInRowsEarly(
  factory: IDBFactory,
  name = 'consentlens',
): Promise<SignInRows | null> {
  return new Promise((resolve) => {
    let request: IDBOpenDBRequest
    try {
      request = factory.open(name)
    } catch {
      resolve(null)
      return
    }
    // Opened without a version, an upgrade means the database did not exist: undo its creation.
    request.onupgradeneeded = () => {
      request.transaction?.abort()
    }
    request.onerror = (event) => {
      event.preventDefault()
      resolve(null)
    }
    request.onblocked = () => {
      resolve(null)
    }
    request.onsuccess = () => {
      readFrom(request.result).then(resolve, () => {
        resolve(null)
      })
    }
  })
}

function readFrom(db: IDBDatabase): Promise<SignInRows | null> {
  const current =
    db.version >= LATEST_NATIVE_VERSION &&
    db.objectStoreNames.contains('staff') &&
    db.objectStoreNames.contains('setting')
  if (!current) {
    db.close()
    return Promise.resolve(null)
  }
  const tx = db.transaction(['staff', 'setting'], 'readonly')
  const staff = tx.objectStore('staff').getAll()
  const settings = tx.objectStore('setting').getAll()
  db.close()
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => {
      const [setting] = settings.result as Setting[]
      resolve(setting === undefined ? null : { staff: staff.result as StaffRecord[], setting })
    }
    tx.onerror = () => {
      reject(tx.error ?? new Error('The sign-in read failed'))
    }
    tx.onabort = tx.onerror
  })
}
