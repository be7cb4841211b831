// Says plainly, from the start, when this browser cannot keep photos (WebKit's private mode
// refuses them in IndexedDB: db/blobStorage.ts), so nobody frames a shot only to fail at Save.
// Asked once per page; shown above every screen, signed in or not, since it is the browser's
// mode, not anybody's work, that needs changing.
import { useEffect, useState } from 'react'
import { PHOTOS_REFUSED, canStoreBlobs } from '../../db/index.ts'
import { StatusIcon } from '../components/StatusIcon.tsx'
import './PhotoStorageNotice.css'

let asked: Promise<boolean> | null = null

/** Whether this browser keeps photos: asked once per page. */
export function photoStorageCheck(): Promise<boolean> {
  asked ??= canStoreBlobs('indexedDB' in globalThis ? globalThis.indexedDB : undefined)
  return asked
}

/** Tests only: ask again. */
export function resetPhotoStorageCheck(): void {
  asked = null
}

export function PhotoStorageNotice() {
  const [refused, setRefused] = useState(false)
  useEffect(() => {
    let live = true
    void photoStorageCheck().then((ok) => {
      if (live) setRefused(!ok)
    })
    return () => {
      live = false
    }
  }, [])
  if (!refused) return null
  return (
    <p className="photo-storage-notice" role="alert">
      <StatusIcon tone="warn" />
      <span>{PHOTOS_REFUSED}</span>
    </p>
  )
}
