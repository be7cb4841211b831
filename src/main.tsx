// Entry point: start reading sign-in's rows (first, so the read overlaps evaluating the rest),
// start the offline machinery, then render the app shell with its one sync control (started
// only on a tablet enrolled with the setting's server) once the database or the early read
// says who may sign in.
import { earlySignInRows } from './app/data/earlySignIn.ts'
import './app/zodWithoutEval.ts'
import { createRoot } from 'react-dom/client'
import { openAppDb, openBehindSignIn, type OpenedDb } from './app/data/openAppDb.ts'
import { startApp } from './app/startApp.tsx'
import { openDb } from './db/index.ts'
import { startPwa } from './app/pwa/startPwa.ts'
import { appSyncControl } from './app/sync/appSyncControl.ts'
import { takeEnrolCodeFromAddress } from './app/sync/enrolLink.ts'
import './app/styles.css'

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
void earlySignInRows
  .then((rows) => (rows === null ? openAppDb() : openBehindSignIn(openDb(), rows, show)))
  .then(show)
