// The quarantine review: each photo the server quarantined, with the rule and the
// reason; the manager erases it, or asks the server to check it again against its records now
// (a consent form signed before the photo but recorded late). Never "release anyway".
import { useCallback, useEffect, useState } from 'react'
import type { LibraryPhoto } from '../../../protocol/index.ts'
import { useLibraryClient } from '../library/useLibraryClient.ts'
import { useServerThumbnails } from '../library/useServerThumbnails.ts'
import type { StepNote } from './useRemovalsScreen.ts'

type Listing =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; photos: LibraryPhoto[] }

export function useQuarantineReview() {
  const client = useLibraryClient()
  const [listing, setListing] = useState<Listing>({ status: 'loading' })
  const [busy, setBusy] = useState(false)
  const [note, setNote] = useState<StepNote | null>(null)

  const fetchList = useCallback(async (): Promise<Listing> => {
    const answer = await client.quarantined()
    return answer.ok
      ? { status: 'ready', photos: answer.value }
      : { status: 'error', message: answer.error.message }
  }, [client])

  useEffect(() => {
    let cancelled = false
    void fetchList().then((next) => {
      if (!cancelled) setListing(next)
    })
    return () => {
      cancelled = true
    }
  }, [fetchList])

  const ids = listing.status === 'ready' ? listing.photos.map((p) => p.id) : []
  const thumbnails = useServerThumbnails(client, ids)

  async function erase(photoId: string, reason: string) {
    if (reason.trim() === '') {
      setNote({ photoId, tone: 'warn', text: 'Say why, for the audit.' })
      return
    }
    setBusy(true)
    const answer = await client.erase(photoId, reason)
    setBusy(false)
    setNote(
      answer.ok
        ? { photoId: '', tone: 'ok', text: 'Erased from the server and every tablet.' }
        : { photoId, tone: 'warn', text: answer.error.message },
    )
    setListing(await fetchList())
  }

  async function recheck(photoId: string) {
    setBusy(true)
    const answer = await client.recheck(photoId)
    setBusy(false)
    if (!answer.ok) setNote({ photoId, tone: 'warn', text: answer.error.message })
    else if (answer.value.released) {
      setNote({ photoId: '', tone: 'ok', text: 'Checked again: it passes now, and is released.' })
    } else {
      const text = `Checked again against today’s records: still held back. ${answer.value.message}`
      setNote({ photoId, tone: 'warn', text })
    }
    setListing(await fetchList())
  }

  return { listing, thumbnails, busy, note, erase, recheck }
}
