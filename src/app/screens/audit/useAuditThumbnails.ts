// Object URLs for the thumbnails still held for the day's photos (a deleted photo, or one
// whose image the server now holds alone, has none). Every URL is revoked when the day changes
// or the screen closes, so paging through days never leaks image memory.
import { useEffect, useState } from 'react'
import { photoThumbnail } from '../../../db/index.ts'
import { useDb } from '../../data/DbContext.tsx'

export function useAuditThumbnails(photoIds: readonly string[]): ReadonlyMap<string, string> {
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
