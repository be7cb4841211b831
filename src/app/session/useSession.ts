// The session as the shell needs it: who is on screen, whether the tablet is locked, the idle
// lock from the setting's minutes, and "Switch user". Each lock is written to the audit log.
// Part of the first render, so it reaches the database through its chunk (decision 0037).
import { useCallback } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { DEFAULT_IDLE_LOCK_MINUTES } from '../../model/records.ts'
import { nowIso } from '../data/clock.ts'
import { useDbArrival } from '../data/DbContext.tsx'
import { loadDataLayer } from '../data/loadDataLayer.ts'
import { useLiveRead } from '../data/useLiveRead.ts'
import { useSessionStore, type LockReason } from '../stores/sessionStore.ts'
import { useIdleLock } from './useIdleLock.ts'

export function useSession() {
  const arrival = useDbArrival()
  // Only what the shell shows: a new signing seed (a PIN change) re-renders no one here.
  const { active, locked, lockReason, workspaces } = useSessionStore(
    useShallow((s) => ({
      active: s.active,
      locked: s.locked,
      lockReason: s.lockReason,
      workspaces: s.workspaces,
    })),
  )
  const lockStore = useSessionStore((s) => s.lock)
  const setting = useLiveRead((layer, db) => layer.getSetting(db), [])
  const minutes = setting?.idleLockMinutes ?? DEFAULT_IDLE_LOCK_MINUTES

  const lock = useCallback(
    (reason: Exclude<LockReason, 'start'>) => {
      const staffId = useSessionStore.getState().active?.id
      lockStore(reason)
      if (staffId === undefined) return
      // Someone was signed in, so the database has arrived: this waits a turn at most.
      const at = nowIso()
      Promise.all([loadDataLayer(), arrival])
        .then(([layer, db]) => layer.recordLock(db, staffId, reason, at))
        .catch((error: unknown) => {
          console.error('Could not write the lock to the audit log', error)
        })
    },
    [arrival, lockStore],
  )
  const lockIdle = useCallback(() => {
    lock('idle')
  }, [lock])
  useIdleLock(active !== null && !locked, minutes, lockIdle)

  return { active, locked, lockReason, workspaces, lock }
}
