// The app's real sync: the engine of src/sync with the browser's online and visibility signals,
// started only for a tablet that holds a server credential. The local demo holds none, so it
// never knocks on any server until the manager enrols it.
import type { ConsentLensDb } from '../../db/index.ts'
import { browserEnvironment, readEnrolment, requestSync, startSync } from '../../sync/index.ts'
import type { SyncControl } from './SyncControl.tsx'

export function appSyncControl(db: ConsentLensDb): SyncControl {
  return {
    async start() {
      if ((await readEnrolment(db)) === null) return false
      startSync({ db, environment: browserEnvironment(), live: true })
      return true
    },
    request: requestSync,
  }
}
