// The session as the shell needs it: who is on screen, whether the tablet is locked, the idle
// lock from the setting's minutes, and "Switch user". Each lock is written to the audit log.
import { useLiveQuery } from 'dexie-react-hooks'
import { useCallback } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { DEFAULT_IDLE_LOCK_MINUTES, getSetting, recordLock } from '../../db/index.ts'
import { nowIso } from '../data/clock.ts'
import { useDb } from '../data/DbContext.tsx'
import { useSessionStore, type LockReason } from '../stores/sessionStore.ts'
import { useIdleLock } from './useIdleLock.ts'

export function useSession() {
  const db = useDb()
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
  const setting = useLiveQuery(() => getSetting(db), [db])
  const minutes = setting?.idleLockMinutes ?? DEFAULT_IDLE_LOCK_MINUTES

  const lock = useCallback(
    (reason: Exclude<LockReason, 'start'>) => {
      const staffId = useSessionStore.getState().active?.id
      lockStore(reason)
      if (staffId !== undefined) {
        recordLock(db, staffId, reason, nowIso()).catch((error: unknown) => {
          console.error('Could not write the lock to the audit log', error)
        })
      }
    },
    [db, lockStore],
  )
  const lockIdle = useCallback(() => {
    lock('idle')
  }, [lock])
  useIdleLock(active !== null && !locked, minutes, lockIdle)

  return { active, locked, lockReason, workspaces, lock }
}
