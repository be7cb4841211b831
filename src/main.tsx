// Entry point: start the offline machinery, open the database, then render the app shell with
// its one sync control (started only on a tablet enrolled with the setting's server).
import './app/zodWithoutEval.ts'
import { createRoot } from 'react-dom/client'
import { openAppDb } from './app/data/openAppDb.ts'
import { startApp } from './app/startApp.tsx'
import { startPwa } from './app/pwa/startPwa.ts'
import { appSyncControl } from './app/sync/appSyncControl.ts'
import { takeEnrolCodeFromAddress } from './app/sync/enrolLink.ts'
import './app/styles.css'

const rootElement = document.getElementById('root')
if (rootElement === null) throw new Error('index.html has no #root element')
const root = createRoot(rootElement)

takeEnrolCodeFromAddress()
startPwa()
// No top-level await: the chunks loaded on demand (the demo seed among them, awaited while the
// database opens) import this entry's chunk, and would wait for it to finish evaluating.
void openAppDb().then((opened) => {
  root.render(startApp(opened, appSyncControl))
})
