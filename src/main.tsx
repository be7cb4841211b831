// Entry point: start the offline machinery, then render the app shell with its one sync
// control (started only on a tablet enrolled with the setting's server) once sign-in knows who
// may sign in: at once from its snapshot in localStorage (db/signInSnapshot.ts, decision 0035),
// else from the early read of sign-in's rows (src/earlySignIn.ts, run before this chunk) or
// the database. The snapshot is only a first picture: the same database is opened behind it,
// sign-in's live query replaces it with what IndexedDB says, and a failure drops it.
import './app/zodWithoutEval.ts'
import Dexie from 'dexie'
import { createRoot } from 'react-dom/client'
import type { OpenedDb } from './app/data/openAppDb.ts'
import { startSignIn } from './app/data/startSignIn.ts'
import { startApp } from './app/startApp.tsx'
import { openDb } from './db/index.ts'
import type { EARLY_SIGN_IN, SignInRows } from './db/earlySignInRows.ts'
import { deviceStorage } from './db/signInSnapshot.ts'
import { startPwa } from './app/pwa/startPwa.ts'
import { appSyncControl } from './app/sync/appSyncControl.ts'
import { takeEnrolCodeFromAddress } from './app/sync/enrolLink.ts'
import './app/styles.css'

// Dexie switches its debug mode (a console task per promise, long stack traces, warnings) on
// for any page served from localhost or 127.0.0.1: the dev server, but also a built app an IT
// helper tries on the server's own machine, and the e2e tests and benches. The built app runs
// as tablets run it, wherever it is served from.
Dexie.debug = import.meta.env.DEV

const rootElement = document.getElementById('root')
if (rootElement === null) throw new Error('index.html has no #root element')
const root = createRoot(rootElement)

function show(opened: OpenedDb): void {
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
void startSignIn({ db: openDb(), storage: deviceStorage(), early, show })
