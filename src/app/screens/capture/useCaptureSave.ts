// Save and Discard for the held photo. A save waits for the worker's encode, then hands
// everything to src/db's savePhoto (one transaction, the policy run again on fresh data).
//
// Invariants:
// - A second tap while a save runs does nothing (a ref, not state: state updates too late for
//   a double tap); savePhoto also recognises the photo id, so one capture is one photo.
// - On any failure the photo stays held, with words saying why and what to do.
// - Discarding (or leaving the screen) while the decision blocks writes the blocked attempt
//   to the audit log: who, when, where, which rules; never the image.
import { useCallback, useRef, useState } from 'react'
import {
  recordBlockedAttempt,
  savePhoto,
  type CaptureDraft,
  type Staff,
} from '../../../db/index.ts'
import { purposeList, type Decision, type Purpose } from '../../../policy/index.ts'
import { nowIso } from '../../data/clock.ts'
import { useDb } from '../../data/DbContext.tsx'
import { useSyncControl } from '../../sync/SyncControl.tsx'
import type { HeldPhoto } from './useHeldPhoto.ts'

export type SaveStatus =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; message: string }
  | { kind: 'failed'; message: string; decision: Decision | null }

export function useCaptureSave(staff: Staff, onDone: () => void) {
  const db = useDb()
  const sync = useSyncControl()
  const saving = useRef(false)
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' })

  const save = useCallback(
    async (held: HeldPhoto, draft: CaptureDraft, purposes: Purpose[]) => {
      if (saving.current) return
      saving.current = true
      setStatus({ kind: 'saving' })
      try {
        const processed = await held.processing
        if (!processed.ok) {
          setStatus({ kind: 'failed', message: processed.error, decision: null })
          return
        }
        const result = await savePhoto(db, { ...draft, purposes }, processed.image, staff, nowIso())
        if (result.ok) {
          const message = `Saved for ${purposeList(purposes)}. It waits on this tablet until it is sent.`
          setStatus({ kind: 'saved', message })
          onDone()
          void sync.request() // sent now if the server can be reached; kept here if not
        } else {
          const { message, decision } = result.error
          setStatus({ kind: 'failed', message, decision: decision ?? null })
        }
      } catch (error) {
        console.error('Saving the photo failed', error)
        const message = 'The photo could not be saved. It is still here: tap Save again.'
        setStatus({ kind: 'failed', message, decision: null })
      } finally {
        saving.current = false
      }
    },
    [db, staff, onDone, sync],
  )

  const recordIfBlocked = useCallback(
    (draft: CaptureDraft, decision: Decision | null) => {
      if (decision?.verdict !== 'block') return
      recordBlockedAttempt(db, draft, decision, staff.id, nowIso()).catch((error: unknown) => {
        console.error('Could not write the blocked attempt to the audit log', error)
      })
    },
    [db, staff.id],
  )

  const clearStatus = useCallback(() => {
    setStatus({ kind: 'idle' })
  }, [])

  return { status, save, recordIfBlocked, clearStatus }
}
