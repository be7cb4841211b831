// The signed-in person as the database has them now, so a change the manager makes (photo
// permission, role) shows at once in that person's workspace. The snapshot taken at sign-in
// stands in while the query loads. Workspace is part of the app shell, so of the first chunk:
// the read goes through the database's chunk (useLiveRead, decision 0037).
import type { Staff } from '../../db/index.ts'
import { useLiveRead } from '../data/useLiveRead.ts'

export function useFreshStaff(snapshot: Staff): Staff {
  const fresh = useLiveRead((layer, db) => layer.getStaff(db, snapshot.id), [snapshot.id])
  return fresh ?? snapshot
}
