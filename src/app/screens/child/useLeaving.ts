// Marking a child as left: the manager gives the leaving date on the child's page;
// the record goes to the server at the next sync and the retention schedule does the rest.
import { useState } from 'react'
import { markChildLeft } from '../../../db/index.ts'
import { nowIso } from '../../data/clock.ts'
import { useDb } from '../../data/DbContext.tsx'
import { useSyncControl } from '../../sync/SyncControl.tsx'
import { useCurrentStaff } from '../../session/WorkspaceContext.tsx'

export function useLeaving(childId: string, leavingDate: string | null) {
  const db = useDb()
  const sync = useSyncControl()
  const staff = useCurrentStaff()
  const [day, setDay] = useState(leavingDate ?? nowIso().slice(0, 10))
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState<string | null>(null)

  async function save(next: string | null) {
    setBusy(true)
    setError(null)
    try {
      const result = await markChildLeft(db, { childId, leavingDate: next }, staff, nowIso())
      if (!result.ok) {
        setError(result.error.message)
        return
      }
      setDone(
        next === null
          ? 'Marked as attending again: the learning journey is kept while the child attends.'
          : 'Marked as left. The server keeps the learning journey for the months set in Retention and requests, then erases it.',
      )
      void sync.request()
    } catch (e) {
      console.error('Could not save the leaving date', e)
      setError('The tablet could not save the leaving date. Try again now.')
    } finally {
      setBusy(false)
    }
  }

  return {
    day,
    setDay,
    busy,
    error,
    done,
    markLeft: () => save(day),
    markAttending: () => save(null),
  }
}
