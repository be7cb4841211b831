// The database's chunk: Dexie, the schema and every read or write the first render's code
// reaches once the database is there. main.tsx imports it at once (loadDataLayer.ts), so it is
// fetched while sign-in is drawn from its snapshot, not after a tap; the modules of the first
// chunk reach it only through that import and `import type` (decision 0037): one value import
// of the database from them would bring Dexie back into the first chunk
// (tests/architecture/firstChunk.test.ts says which module did).
import { Dexie } from 'dexie'

// Dexie switches its debug mode (a console task per promise, long stack traces, warnings) on
// for any page served from localhost or 127.0.0.1: the dev server, but also a built app an IT
// helper tries on the server's own machine, and the e2e tests and benches. The built app runs
// as tablets run it, wherever it is served from. Set before any database is made from here.
Dexie.debug = import.meta.env.DEV

export { liveQuery } from 'dexie'
// From the modules themselves, not the folders' indexes: the build puts this module and all it
// imports statically into one chunk (vite.config.ts, databaseChunk), so an index here would
// bring every module of its folder into it.
export { openDb } from '../../db/ConsentLensDb.ts'
export { recordLock } from '../../db/recordLock.ts'
export { getSetting } from '../../db/rosterQueries.ts'
export { getStaff } from '../../db/staffQueries.ts'
export { readEnrolment } from '../../sync/enrolmentInfo.ts'
export { readSignInList } from '../screens/sign-in/signInList.ts'
export { readSyncFacts } from '../sync/syncFacts.ts'
export { openAppDb, openBehindSignIn } from './openAppDb.ts'
export { keepSignInSnapshot } from './signInSnapshotKeeper.ts'
