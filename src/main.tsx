// Entry point: start the offline machinery, open the database, start sync (only on a tablet
// enrolled with the setting's server), then render the app shell.
import './app/zodWithoutEval.ts'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App.tsx'
import { DbProvider } from './app/data/DbContext.tsx'
import { openAppDb } from './app/data/openAppDb.ts'
import { startPwa } from './app/pwa/startPwa.ts'
import { appSyncControl } from './app/sync/appSyncControl.ts'
import { SyncControlProvider } from './app/sync/SyncControl.tsx'
import { takeEnrolCodeFromAddress } from './app/sync/enrolLink.ts'
import './app/styles.css'

const rootElement = document.getElementById('root')
if (rootElement === null) throw new Error('index.html has no #root element')
const root = createRoot(rootElement)

takeEnrolCodeFromAddress()
startPwa()
const opened = await openAppDb()
if (opened.ok) void appSyncControl(opened.db).start()
root.render(
  <StrictMode>
    {opened.ok ? (
      <DbProvider db={opened.db}>
        <SyncControlProvider control={appSyncControl(opened.db)}>
          <App />
        </SyncControlProvider>
      </DbProvider>
    ) : (
      <main className="app-main">
        <h1>ConsentLens cannot start</h1>
        <p role="alert">{opened.message}</p>
      </main>
    )}
  </StrictMode>,
)
