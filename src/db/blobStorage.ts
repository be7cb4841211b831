/**
 * Whether this browser lets IndexedDB keep a photo. WebKit refuses Blobs in IndexedDB in an
 * ephemeral session (Safari's Private Browsing, an automation profile): every put of a Blob
 * fails with DataCloneError, so no photo could ever be saved. Asked once at start, in a small
 * database of its own that is deleted again, so the app can say so plainly before anyone takes
 * a photo, instead of failing at Save with advice (reload) that cannot help.
 *
 * WebKit says no in two ways: a DataCloneError at put() (Safari), or, in WebKitGTK 2.50, a
 * failed request with UnknownError ("Error preparing Blob/File data to be stored in object
 * store"). UnknownError can mean other things, so after any other failure of the Blob the same
 * write is tried with plain bytes: when only the Blob is refused, the answer is "no".
 *
 * Invariant: only a refusal of the Blob itself means "no"; any other failure (no IndexedDB at
 * all, a blocked open, plain bytes refused too) is not this question's to answer and counts as
 * "yes": the save itself then reports it in its own words (storageFailure.ts).
 */
const PROBE_DB = 'consentlens-blob-probe'

function isDataCloneError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'name' in error &&
    error.name === 'DataCloneError'
  )
}

function openProbe(factory: IDBFactory): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = factory.open(PROBE_DB, 1)
    request.onupgradeneeded = () => {
      request.result.createObjectStore('probe')
    }
    request.onsuccess = () => {
      resolve(request.result)
    }
    request.onerror = () => {
      reject(request.error ?? new Error('The probe database did not open'))
    }
  })
}

function put(db: IDBDatabase, value: Blob | Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction('probe', 'readwrite')
    tx.oncomplete = () => {
      resolve()
    }
    tx.onerror = () => {
      reject(tx.error ?? new Error('The probe write failed'))
    }
    tx.onabort = () => {
      reject(tx.error ?? new Error('The probe write was aborted'))
    }
    // WebKit throws at put() itself; a browser that fails later aborts the transaction.
    tx.objectStore('probe').put(value, 1)
  })
}

export async function canStoreBlobs(factory: IDBFactory | undefined): Promise<boolean> {
  if (factory === undefined) return true
  let db: IDBDatabase | null = null
  try {
    db = await openProbe(factory)
    try {
      await put(db, new Blob([new Uint8Array([1, 2, 3])], { type: 'image/jpeg' }))
      return true
    } catch (error) {
      if (isDataCloneError(error)) return false
      await put(db, new Uint8Array([1, 2, 3])) // throws (so "yes") unless only the Blob is refused
      return false
    }
  } catch (error) {
    return !isDataCloneError(error)
  } finally {
    db?.close()
    factory.deleteDatabase(PROBE_DB)
  }
}
