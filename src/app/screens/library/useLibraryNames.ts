// Names for the ids the server's library sends (it sends ids only): children, staff, places
// and rooms from this tablet's own roster, which every tablet of the setting holds.
import { useLiveQuery } from 'dexie-react-hooks'
import {
  listChildren,
  listLocations,
  listRooms,
  listStaff,
  type Child,
  type Room,
} from '../../../db/index.ts'
import { useDb } from '../../data/DbContext.tsx'

export interface LibraryNames {
  child: (id: string) => string
  staff: (id: string) => string
  place: (id: string) => string
  children: Child[]
  rooms: Room[]
}

export function useLibraryNames(): LibraryNames | undefined {
  const db = useDb()
  return useLiveQuery(async () => {
    const [children, staff, locations, rooms] = await Promise.all([
      listChildren(db),
      listStaff(db),
      listLocations(db, true),
      listRooms(db),
    ])
    const childNames = new Map(children.map((c) => [c.id, `${c.firstName} ${c.lastName}`]))
    const staffNames = new Map(staff.map((s) => [s.id, s.name]))
    const places = new Map(locations.map((l) => [l.id, l.name]))
    return {
      child: (id: string) => childNames.get(id) ?? 'a child not on this tablet',
      staff: (id: string) => staffNames.get(id) ?? 'a colleague not on this tablet',
      place: (id: string) => places.get(id) ?? 'a place not on this tablet',
      children,
      rooms,
    }
  }, [db])
}
