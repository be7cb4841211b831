// The manager's removal list: every photo a withdrawal flagged, with each recorded
// use to take down, confirmed one by one, then the photo erased or kept only for the purposes
// no withdrawal concerns. The server decides and records each step (protocol/removal.ts); this
// hook only asks and reloads the list after each answer (usePhotoWorklist).
import type { RemovalDecision, RemovalItem } from '../../../protocol/index.ts'
import type { LibraryClient, LibraryResult } from '../../../sync/index.ts'
import { useLibraryNames } from '../library/useLibraryNames.ts'
import { usePhotoWorklist } from './usePhotoWorklist.ts'

async function loadRemovals(client: LibraryClient): Promise<LibraryResult<RemovalItem[]>> {
  const answer = await client.removals()
  return answer.ok ? { ok: true, value: answer.value.items } : answer
}
const photoIdOf = (item: RemovalItem) => item.photo.id

export function useRemovalsScreen() {
  const names = useLibraryNames()
  const list = usePhotoWorklist(loadRemovals, photoIdOf)

  async function takeDown(photoId: string, useId: string, words: string) {
    await list.step(async (client) => {
      const answer = await client.confirmTakedown(photoId, useId, words)
      return answer.ok ? null : { photoId, tone: 'warn', text: answer.error.message }
    })
  }

  async function decide(photoId: string, decision: RemovalDecision, reason: string) {
    if (reason.trim() === '') {
      list.warn(photoId, 'Say why, for the audit: the parent’s words.')
      return
    }
    await list.step(async (client) => {
      const answer = await client.decideRemoval(photoId, { decision, reason })
      if (!answer.ok) return { photoId, tone: 'warn', text: answer.error.message }
      const done = decision === 'erase' ? 'Erased from the server and every tablet.' : 'Kept.'
      return { photoId: '', tone: 'ok', text: done }
    })
  }

  const { listing, thumbnails, busy, note } = list
  return { names, listing, thumbnails, busy, note, takeDown, decide }
}
