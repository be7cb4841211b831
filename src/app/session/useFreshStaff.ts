// The signed-in person as the database has them now, so a change the manager makes (photo
// permission, role) shows at once in that person's workspace. The snapshot taken at sign-in
// stands in while the query loads.
import { useLiveQuery } from 'dexie-react-hooks'
import { getStaff, type Staff } from '../../db/index.ts'
import { useDb } from '../data/DbContext.tsx'

export function useFreshStaff(snapshot: Staff): Staff {
  const db = useDb()
  const fresh = useLiveQuery(() => getStaff(db, snapshot.id), [db, snapshot.id])
  return fresh ?? snapshot
}
