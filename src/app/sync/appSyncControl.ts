// The app's real sync: the engine of src/sync with the browser's online and visibility signals,
// started only for a tablet that holds a server credential. The local demo holds none, so it
// never knocks on any server until the manager enrols it. main.tsx builds one control per
// database; its engine is made on the first start and reused by every later one.
import type { ConsentLensDb } from '../../db/index.ts'
import {
  browserEnvironment,
  createSyncEngine,
  readEnrolment,
  type SyncEngine,
} from '../../sync/index.ts'
import { createSyncStatusStore } from '../stores/syncStatusStore.ts'
import type { SyncControl } from './SyncControl.tsx'

export function appSyncControl(db: ConsentLensDb): SyncControl {
  const status = createSyncStatusStore()
  let engine: SyncEngine | null = null
  return {
    status,
    async start() {
      if ((await readEnrolment(db)) === null) return false
      engine ??= createSyncEngine({ db, environment: browserEnvironment(), status, live: true })
      engine.start()
      return true
    },
    request: () => engine?.requestSync() ?? Promise.resolve(),
  }
}
