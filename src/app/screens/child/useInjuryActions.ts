// Recording an injury (any member of staff, two taps: "Record an injury", then confirm; a note
// is welcome but never required, so nobody skips it because they are busy) and clearing one
// (the manager). Either takes effect on the board and the camera at once.
import { useState } from 'react'
import { clearInjury, recordInjury, type Result } from '../../../db/index.ts'
import { nowIso } from '../../data/clock.ts'
import { useDb } from '../../data/DbContext.tsx'
import { useSyncControl } from '../../sync/SyncControl.tsx'
import { useCurrentStaff } from '../../session/WorkspaceContext.tsx'

/** Stored when nobody wrote a note: the repository wants a description, people may not. */
export const NO_NOTE = 'Injury noted; no details written.'
const SAVE_FAILED =
  'The tablet could not save this. Try again; if it keeps failing, tell the manager straight away.'

export function useInjuryActions(childId: string) {
  const db = useDb()
  const sync = useSyncControl()
  const staff = useCurrentStaff()
  const [confirming, setConfirming] = useState(false)
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState<string | null>(null)

  async function run<T>(action: () => Promise<Result<T>>): Promise<Result<T>> {
    setBusy(true)
    setError(null)
    try {
      const result = await action()
      if (result.ok) void sync.request() // other iPads block this child's photos sooner
      return result
    } catch (e) {
      console.error('Could not save the injury', e)
      return { ok: false, error: { code: 'storage', message: SAVE_FAILED } }
    } finally {
      setBusy(false)
    }
  }

  return {
    confirming,
    note,
    busy,
    error,
    done,
    setNote,
    start: () => {
      setConfirming(true)
      setDone(null)
      setError(null)
    },
    cancel: () => {
      setConfirming(false)
      setNote('')
      setError(null)
    },
    confirm: async () => {
      const description = note.trim() === '' ? NO_NOTE : note
      const result = await run(() => recordInjury(db, { childId, description }, staff, nowIso()))
      if (result.ok) {
        setConfirming(false)
        setNote('')
        setDone('Injury recorded. No photos of this child until the manager clears it.')
      } else setError(result.error.message)
    },
    clear: async (injuryId: string) => {
      const result = await run(() => clearInjury(db, injuryId, staff, nowIso()))
      if (result.ok) setDone('Injury cleared. Photos follow the child’s consent again.')
      else setError(result.error.message)
    },
  }
}
