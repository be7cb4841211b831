// Locations' state (manager): the places photos are taken, and adding or archiving one.
// Toilets and changing areas are kept in the list on purpose: the capture screen shows them
// as places where photos are never taken, so nobody picks "other" to get round the rule.
import { useLiveQuery } from 'dexie-react-hooks'
import { useState } from 'react'
import {
  addLocation,
  archiveLocation,
  listLocations,
  listRooms,
  type Result,
} from '../../../db/index.ts'
import type { LocationKind } from '../../../policy/index.ts'
import { nowIso } from '../../data/clock.ts'
import { useDb } from '../../data/DbContext.tsx'
import { usePermission } from '../../session/usePermission.ts'
import { useCurrentStaff } from '../../session/WorkspaceContext.tsx'

export function useLocationsScreen() {
  const db = useDb()
  const me = useCurrentStaff()
  const allowed = usePermission('edit-locations')
  const locations = useLiveQuery(() => listLocations(db), [db])
  const rooms = useLiveQuery(() => listRooms(db), [db]) ?? []
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)

  async function run(action: () => Promise<Result<{ name: string }>>, done: (n: string) => string) {
    try {
      const result = await action()
      setMessage(
        result.ok
          ? { ok: true, text: done(result.value.name) }
          : { ok: false, text: result.error.message },
      )
      return result.ok
    } catch {
      setMessage({ ok: false, text: 'The tablet could not save that. Try again.' })
      return false
    }
  }

  return {
    allowed,
    locations,
    rooms,
    message,
    add: (input: { name: string; kind: LocationKind; roomId: string | null }) =>
      run(
        () => addLocation(db, input, me, nowIso()),
        (name) => `${name} added.`,
      ),
    archive: (id: string) =>
      run(
        () => archiveLocation(db, id, me, nowIso()),
        (name) => `${name} archived: it no longer appears when taking photos.`,
      ),
  }
}
