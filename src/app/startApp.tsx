// What main.tsx renders once the database is open: the app on that database with its one sync
// control, started, or why the app cannot start. The control is built here and only here, so
// the engine that syncs is the one whose status the app shows (main.tsx once built two).
import { StrictMode, type ReactElement } from 'react'
import type { ConsentLensDb } from '../db/index.ts'
import { App } from './App.tsx'
import { DbProvider } from './data/DbContext.tsx'
import type { OpenedDb } from './data/openAppDb.ts'
import { SignInListAtStart } from './screens/sign-in/signInList.ts'
import { SyncControlProvider, type SyncControl } from './sync/SyncControl.tsx'

/** `app`: what runs inside the providers (the app shell; a probe in a test). */
export function startApp(
  opened: OpenedDb,
  buildSync: (db: ConsentLensDb) => SyncControl,
  app: ReactElement = <App />,
): ReactElement {
  if (!opened.ok) {
    return (
      <StrictMode>
        <main className="app-main">
          <h1>ConsentLens cannot start</h1>
          <p role="alert">{opened.message}</p>
        </main>
      </StrictMode>
    )
  }
  const sync = buildSync(opened.db)
  void sync.start()
  return (
    <StrictMode>
      <DbProvider db={opened.db}>
        <SyncControlProvider control={sync}>
          <SignInListAtStart value={opened.signIn ?? null}>{app}</SignInListAtStart>
        </SyncControlProvider>
      </DbProvider>
    </StrictMode>
  )
}
