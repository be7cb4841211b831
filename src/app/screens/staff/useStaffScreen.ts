// The staff screen's state and actions (manager only): who may take photos, new staff, PINs.
// Every change goes through src/db, which asks `can` again and writes outbox and audit.
import { useLiveQuery } from 'dexie-react-hooks'
import { useState } from 'react'
import {
  createStaff,
  listRooms,
  listStaff,
  setAuthorised,
  setPin,
  type NewStaff,
  type Result,
  type Staff,
} from '../../../db/index.ts'
import { nowIso } from '../../data/clock.ts'
import { useDb } from '../../data/DbContext.tsx'
import { useSessionStore } from '../../stores/sessionStore.ts'
import { usePermission } from '../../session/usePermission.ts'
import { useCurrentStaff } from '../../session/WorkspaceContext.tsx'

export type Outcome = { ok: true; message: string } | { ok: false; message: string }

export function useStaffScreen() {
  const db = useDb()
  const me = useCurrentStaff()
  const allowed = usePermission('authorise-staff')
  // Lockouts are judged when the list is read; a lockout that ends meanwhile shows until the
  // next change, which is harmless: a new PIN clears it either way.
  const staff = useLiveQuery(async () => {
    const now = Date.parse(nowIso())
    return (await listStaff(db)).map((person) => ({
      ...person,
      lockedOut: person.lockedUntil !== null && Date.parse(person.lockedUntil) > now,
    }))
  }, [db])
  const rooms = useLiveQuery(() => listRooms(db), [db])
  const [outcome, setOutcome] = useState<Outcome | null>(null)

  async function run(action: () => Promise<Result<unknown>>, done: string): Promise<boolean> {
    try {
      const result = await action()
      setOutcome(
        result.ok ? { ok: true, message: done } : { ok: false, message: result.error.message },
      )
      return result.ok
    } catch {
      setOutcome({ ok: false, message: 'The tablet could not save that. Try again.' })
      return false
    }
  }

  return {
    allowed,
    staff,
    rooms: rooms ?? [],
    outcome,
    toggleAuthorised: (person: Staff) =>
      run(
        () => setAuthorised(db, person.id, !person.canCapture, me, nowIso()),
        person.canCapture
          ? `${person.name} may no longer take photos.`
          : `${person.name} may now take photos.`,
      ),
    resetPin: (person: Staff, pin: string) =>
      run(async () => {
        const result = await setPin(db, person.id, pin, me, nowIso())
        // Their own PIN: from now on the session signs with the new PIN's key.
        if (result.ok && result.value.ownSigningSeed !== null)
          useSessionStore.getState().replaceSigningSeed(me.id, result.value.ownSigningSeed)
        return result
      }, `New PIN saved for ${person.name}.`),
    add: (input: NewStaff) =>
      run(() => createStaff(db, input, me, nowIso()), `${input.name.trim()} added.`),
  }
}
