// Object URLs for the listed photos' thumbnails, for the photos list and the day's audit (a
// deleted photo, or one whose thumbnail has been let go, has none). Every URL is revoked when
// the list changes or the screen closes, so browsing never leaks image memory.
import { useEffect, useState } from 'react'
import { photoThumbnail } from '../../db/index.ts'
import { useDb } from './DbContext.tsx'

export function useThumbnails(photoIds: readonly string[]): ReadonlyMap<string, string> {
  const db = useDb()
  const [urls, setUrls] = useState<ReadonlyMap<string, string>>(new Map())
  const key = photoIds.join('\n')

  useEffect(() => {
    let cancelled = false
    const made: string[] = []
    const ids = key === '' ? [] : key.split('\n')
    void Promise.all(ids.map(async (id) => [id, await photoThumbnail(db, id)] as const)).then(
      (pairs) => {
        if (cancelled) return
        const next = new Map<string, string>()
        for (const [id, blob] of pairs) {
          if (blob === undefined) continue
          const url = URL.createObjectURL(blob)
          made.push(url)
          next.set(id, url)
        }
        setUrls(next)
      },
    )
    return () => {
      cancelled = true
      for (const url of made) URL.revokeObjectURL(url)
    }
  }, [db, key])

  return urls
}
