// What main.tsx renders once the database is open: the app on that database with its one sync
// control, started, or why the app cannot start. The control is built here and only here, so
// the engine that syncs is the one whose status the app shows (main.tsx once built two). It
// starts once the first render is on screen: sign-in does not wait for the sync's database.
// A start drawn from sign-in's snapshot renders before the database's chunk has arrived
// (decision 0037): it gives the app the database's arrival, which the providers hand on.
import { StrictMode, useEffect, type ReactElement } from 'react'
import { App } from './App.tsx'
import { DbProvider } from './data/DbContext.tsx'
import type { DbArrival } from './data/loadDataLayer.ts'
import type { OpenedDb } from './data/openAppDb.ts'
import { SignInListAtStart, type SignInList } from './screens/sign-in/signInListAtStart.ts'
import { SyncControlProvider, type SyncControl } from './sync/SyncControl.tsx'

/** What the app starts on: an opened database (OpenedDb), or one still arriving. */
export type AppStart = OpenedDb | { ok: true; db: DbArrival; signIn?: SignInList }

/** `app`: what runs inside the providers (the app shell; a probe in a test). */
export function startApp(
  opened: AppStart,
  buildSync: (db: DbArrival) => SyncControl,
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
  let started = false
  const startSync = () => {
    // Once, though StrictMode runs a development build's effects twice.
    if (started) return
    started = true
    sync.start().catch((error: unknown) => {
      // A database that failed to open behind sign-in: main.tsx shows why already.
      console.error('Sync could not start', error)
    })
  }
  return (
    <StrictMode>
      <DbProvider db={opened.db}>
        <SyncControlProvider control={sync}>
          <AfterFirstRender run={startSync} />
          <SignInListAtStart value={opened.signIn ?? null}>{app}</SignInListAtStart>
        </SyncControlProvider>
      </DbProvider>
    </StrictMode>
  )
}

/** Runs `run` after the first render is committed (an effect), never before it. */
function AfterFirstRender({ run }: { run: () => void }) {
  useEffect(run, [run])
  return null
}
