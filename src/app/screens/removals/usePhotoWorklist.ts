// A list of server photos the manager works through, one step at a time: the removal list and
// the quarantine review. Loads the list and its thumbnails, runs one step at a time (buttons
// wait while one is on its way), shows what the step said on the photo it concerned (or above
// the list once the photo has left it), and loads the list again after every step, since the
// server decides and records each one.
import { useCallback, useEffect, useState } from 'react'
import type { LibraryClient, LibraryResult } from '../../../sync/index.ts'
import { useLibraryClient } from '../library/useLibraryClient.ts'
import { useServerThumbnails } from '../library/useServerThumbnails.ts'

export type Listing<T> =
  { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; items: T[] }

/** What the last step said, on the photo it concerned; `photoId` '' shows it above the list. */
export interface StepNote {
  photoId: string
  tone: 'ok' | 'warn'
  text: string
}

/** `load` and `photoIdOf` are read once per client: pass module-level functions. */
export function usePhotoWorklist<T>(
  load: (client: LibraryClient) => Promise<LibraryResult<T[]>>,
  photoIdOf: (item: T) => string,
) {
  const client = useLibraryClient()
  const [listing, setListing] = useState<Listing<T>>({ status: 'loading' })
  const [busy, setBusy] = useState(false)
  const [note, setNote] = useState<StepNote | null>(null)

  const fetchList = useCallback(async (): Promise<Listing<T>> => {
    const answer = await load(client)
    return answer.ok
      ? { status: 'ready', items: answer.value }
      : { status: 'error', message: answer.error.message }
  }, [client, load])

  useEffect(() => {
    let cancelled = false
    void fetchList().then((next) => {
      if (!cancelled) setListing(next)
    })
    return () => {
      cancelled = true
    }
  }, [fetchList])

  const ids = listing.status === 'ready' ? listing.items.map(photoIdOf) : []
  const thumbnails = useServerThumbnails(client, ids)

  /** Runs one step; what it returns becomes the note (null clears it); then the list reloads. */
  async function step(run: (client: LibraryClient) => Promise<StepNote | null>): Promise<void> {
    setBusy(true)
    const said = await run(client).finally(() => {
      setBusy(false)
    })
    setNote(said)
    setListing(await fetchList())
  }

  /** A note without a step: something to fix before asking the server. */
  function warn(photoId: string, text: string) {
    setNote({ photoId, tone: 'warn', text })
  }

  return { listing, thumbnails, busy, note, step, warn }
}
