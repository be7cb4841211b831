// The quarantine review: each photo the server quarantined, with the rule and the
// reason; the manager erases it, or asks the server to check it again against its records now
// (a consent form signed before the photo but recorded late). Never "release anyway".
import type { LibraryPhoto } from '../../../protocol/index.ts'
import type { LibraryClient } from '../../../sync/index.ts'
import { usePhotoWorklist } from './usePhotoWorklist.ts'

const loadQuarantined = (client: LibraryClient) => client.quarantined()
const photoIdOf = (photo: LibraryPhoto) => photo.id

export function useQuarantineReview() {
  const list = usePhotoWorklist(loadQuarantined, photoIdOf)

  async function erase(photoId: string, reason: string) {
    if (reason.trim() === '') {
      list.warn(photoId, 'Say why, for the audit.')
      return
    }
    await list.step(async (client) => {
      const answer = await client.erase(photoId, reason)
      return answer.ok
        ? { photoId: '', tone: 'ok', text: 'Erased from the server and every tablet.' }
        : { photoId, tone: 'warn', text: answer.error.message }
    })
  }

  async function recheck(photoId: string) {
    await list.step(async (client) => {
      const answer = await client.recheck(photoId)
      if (!answer.ok) return { photoId, tone: 'warn', text: answer.error.message }
      if (answer.value.released) {
        return { photoId: '', tone: 'ok', text: 'Checked again: it passes now, and is released.' }
      }
      const text = `Checked again against today’s records: still held back. ${answer.value.message}`
      return { photoId, tone: 'warn', text }
    })
  }

  const { listing, thumbnails, busy, note } = list
  return { listing, thumbnails, busy, note, erase, recheck }
}
