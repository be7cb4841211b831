// The manager's removal list: every photo a withdrawal flagged, with each recorded
// use to take down, confirmed one by one, then the photo erased or kept only for the purposes
// no withdrawal concerns. The server decides and records each step (protocol/removal.ts); this
// hook only asks and reloads the list after each answer.
import { useCallback, useEffect, useState } from 'react'
import type { RemovalDecision, RemovalItem } from '../../../protocol/index.ts'
import { useLibraryClient } from '../library/useLibraryClient.ts'
import { useLibraryNames } from '../library/useLibraryNames.ts'
import { useServerThumbnails } from '../library/useServerThumbnails.ts'

type Listing =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; items: RemovalItem[] }

/** What the last step said, on the photo it concerned. */
export interface StepNote {
  photoId: string
  tone: 'ok' | 'warn'
  text: string
}

export function useRemovalsScreen() {
  const client = useLibraryClient()
  const names = useLibraryNames()
  const [listing, setListing] = useState<Listing>({ status: 'loading' })
  const [busy, setBusy] = useState(false)
  const [note, setNote] = useState<StepNote | null>(null)

  const fetchList = useCallback(async (): Promise<Listing> => {
    const answer = await client.removals()
    return answer.ok
      ? { status: 'ready', items: answer.value.items }
      : { status: 'error', message: answer.error.message }
  }, [client])

  const reload = useCallback(async () => {
    setListing(await fetchList())
  }, [fetchList])

  useEffect(() => {
    let cancelled = false
    void fetchList().then((next) => {
      if (!cancelled) setListing(next)
    })
    return () => {
      cancelled = true
    }
  }, [fetchList])

  const ids = listing.status === 'ready' ? listing.items.map((i) => i.photo.id) : []
  const thumbnails = useServerThumbnails(client, ids)

  async function step(photoId: string, run: () => Promise<{ ok: boolean; message?: string }>) {
    setBusy(true)
    const outcome = await run()
    setBusy(false)
    if (!outcome.ok) setNote({ photoId, tone: 'warn', text: outcome.message ?? '' })
    await reload()
    return outcome.ok
  }

  async function takeDown(photoId: string, useId: string, words: string) {
    await step(photoId, async () => {
      const answer = await client.confirmTakedown(photoId, useId, words)
      if (answer.ok) setNote(null)
      return answer.ok ? { ok: true } : { ok: false, message: answer.error.message }
    })
  }

  async function decide(photoId: string, decision: RemovalDecision, reason: string) {
    if (reason.trim() === '') {
      setNote({ photoId, tone: 'warn', text: 'Say why, for the audit: the parent’s words.' })
      return
    }
    await step(photoId, async () => {
      const answer = await client.decideRemoval(photoId, { decision, reason })
      if (!answer.ok) return { ok: false, message: answer.error.message }
      const done = decision === 'erase' ? 'Erased from the server and every tablet.' : 'Kept.'
      setNote({ photoId: '', tone: 'ok', text: done })
      return { ok: true }
    })
  }

  return { names, listing, thumbnails, busy, note, takeDown, decide }
}
