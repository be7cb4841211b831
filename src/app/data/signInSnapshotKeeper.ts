// Keeps sign-in's snapshot (db/signInSnapshot.ts) equal to what IndexedDB says sign-in lists:
// a live query over staff and the setting, so the snapshot follows every change on the device
// (the start's read, a pull, a manager's edit, an enrolment, a wipe) as it commits, whether or
// not sign-in is on screen. A failed read drops it: the next start then waits for IndexedDB.
import { liveQuery } from 'dexie'
import type { ConsentLensDb } from '../../db/index.ts'
import {
  dropSignInSnapshot,
  writeSignInSnapshot,
  type SnapshotStorage,
} from '../../db/signInSnapshot.ts'
import { readSignInList } from '../screens/sign-in/signInList.ts'

/** Returns the function that stops keeping it. */
export function keepSignInSnapshot(
  db: ConsentLensDb,
  storage: SnapshotStorage | null,
): () => void {
  if (storage === null) return () => undefined
  const subscription = liveQuery(() => readSignInList(db)).subscribe({
    next: (list) => {
      writeSignInSnapshot(storage, list)
    },
    error: () => {
      dropSignInSnapshot(storage)
    },
  })
  return () => {
    subscription.unsubscribe()
  }
}
