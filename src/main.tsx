// Entry point: start the offline machinery, then render the app shell with its one sync
// control (started only on a tablet enrolled with the setting's server) once sign-in knows who
// may sign in: at once from its snapshot in localStorage (db/signInSnapshot.ts, decision 0035),
// else from the early read of sign-in's rows (src/earlySignIn.ts, run before this chunk) or
// the database. The snapshot is only a first picture: the same database is opened behind it,
// sign-in's live query replaces it with what IndexedDB says, and a failure drops it.
// Dexie and the data layer are not in this chunk: they come in the database's chunk
// (app/data/dataLayer.ts), imported at once below so it is fetched while sign-in is drawn
// (decision 0037). Import nothing here that reaches the database as a value
// (tests/architecture/firstChunk.test.ts).
import './app/zodWithoutEval.ts'
import { createRoot } from 'react-dom/client'
import { loadDataLayer } from './app/data/loadDataLayer.ts'
import { startSignIn } from './app/data/startSignIn.ts'
import { startApp, type AppStart } from './app/startApp.tsx'
import type { EARLY_SIGN_IN, SignInRows } from './db/earlySignInRows.ts'
import { deviceStorage } from './db/signInSnapshot.ts'
import { startPwa } from './app/pwa/startPwa.ts'
import { appSyncControl } from './app/sync/appSyncControl.ts'
import { takeEnrolCodeFromAddress } from './app/sync/enrolLink.ts'
import './app/styles.css'

// Asked before anything else, so its chunk is on its way while this one renders.
const database = loadDataLayer().then((layer) => layer.openDb())

const rootElement = document.getElementById('root')
if (rootElement === null) throw new Error('index.html has no #root element')
const root = createRoot(rootElement)

function show(opened: AppStart): void {
  root.render(startApp(opened, appSyncControl))
}

takeEnrolCodeFromAddress()
startPwa()
// No top-level await: the chunks loaded on demand (the demo seed among them, awaited while the
// database opens) import this entry's chunk, and would wait for it to finish evaluating.
// Without the early read (the dev server before its first reload, an old cached page) the
// database opens the usual way.
// The key as a literal, checked against the early read's: importing it would make the two
// entries share a chunk, and the early one wait for the app's.
const EARLY: typeof EARLY_SIGN_IN = '__consentlensEarlySignIn'
const early = (globalThis as Partial<Record<typeof EARLY, Promise<SignInRows | null>>>)[EARLY]
void startSignIn({ db: database, storage: deviceStorage(), early, show })
