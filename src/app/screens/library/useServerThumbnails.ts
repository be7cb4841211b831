// Object URLs for the thumbnails of the photos the library shows, fetched from the server six
// at a time. Nothing is cached beyond what the screen shows: each URL is revoked when its photo
// leaves the list (a new filter) or the screen closes, and the server's answers are no-store.
import { useEffect, useState } from 'react'
import type { LibraryClient } from '../../../sync/index.ts'

const IN_FLIGHT = 6

export function useServerThumbnails(
  client: LibraryClient | null,
  photoIds: readonly string[],
): ReadonlyMap<string, string> {
  const [urls, setUrls] = useState<ReadonlyMap<string, string>>(new Map())
  const key = photoIds.join('\n')

  useEffect(() => {
    if (client === null) return undefined
    let cancelled = false
    const stopped = () => cancelled
    const made = new Map<string, string>()
    const queue = key === '' ? [] : key.split('\n')
    async function worker(): Promise<void> {
      for (let id = queue.shift(); id !== undefined && !stopped(); id = queue.shift()) {
        const answer = await client?.image(id, 'thumbnail')
        if (stopped() || answer?.ok !== true) continue
        made.set(id, URL.createObjectURL(answer.value))
        setUrls(new Map(made))
      }
    }
    void Promise.all(Array.from({ length: IN_FLIGHT }, worker))
    return () => {
      cancelled = true
      for (const url of made.values()) URL.revokeObjectURL(url)
      setUrls(new Map())
    }
  }, [client, key])

  return urls
}
