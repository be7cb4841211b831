// Entry point: start the offline machinery, then render the app shell with its one sync
// control (started only on a tablet enrolled with the setting's server) once the early read
// of sign-in's rows (src/earlySignIn.ts, run before this chunk) or the database says who may
// sign in.
import './app/zodWithoutEval.ts'
import Dexie from 'dexie'
import { createRoot } from 'react-dom/client'
import { openAppDb, openBehindSignIn, type OpenedDb } from './app/data/openAppDb.ts'
import { startApp } from './app/startApp.tsx'
import { openDb } from './db/index.ts'
import type { EARLY_SIGN_IN, SignInRows } from './db/earlySignInRows.ts'
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
void (early ?? Promise.resolve(null))
  .then((rows) => (rows === null ? openAppDb() : openBehindSignIn(openDb(), rows, show)))
  .then(show)
