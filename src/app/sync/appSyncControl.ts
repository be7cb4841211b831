// The app's real sync: the engine of src/sync with the browser's online and visibility signals,
// started only for a tablet that holds a server credential. The local demo holds none, so it
// never knocks on any server until the manager enrols it. main.tsx builds one control per
// database; its engine is made on the first start and reused by every later one. The engine
// (and the protocol's validators behind it) is loaded on that first start, not with the
// sign-in screen: the service worker precaches its chunk, so an offline start finds it.
// The control is built with the first render, which may come before the database's chunk
// (decision 0037): it is given the database's arrival, and its first start waits for it.
import type { ConsentLensDb } from '../../db/index.ts'
import type { SyncEngine } from '../../sync/index.ts'
import { loadDataLayer, type DbArrival } from '../data/loadDataLayer.ts'
import { createSyncStatusStore } from '../stores/syncStatusStore.ts'
import type { SyncControl } from './SyncControl.tsx'

export function appSyncControl(arrival: DbArrival): SyncControl {
  const status = createSyncStatusStore()
  let engine: Promise<SyncEngine> | null = null
  return {
    status,
    async start() {
      const [layer, db] = await Promise.all([loadDataLayer(), arrival])
      if ((await layer.readEnrolment(db)) === null) return false
      engine ??= loadEngine(db, status)
      ;(await engine).start()
      return true
    },
    request: async () => {
      if (engine !== null) await (await engine).requestSync()
    },
  }
}

// From the modules themselves, so that the engine's chunk holds the engine only.
async function loadEngine(db: ConsentLensDb, status: SyncControl['status']): Promise<SyncEngine> {
  const [{ createSyncEngine }, { browserEnvironment }] = await Promise.all([
    import('../../sync/syncEngine.ts'),
    import('../../sync/browserEnvironment.ts'),
  ])
  return createSyncEngine({ db, environment: browserEnvironment(), status, live: true })
}
