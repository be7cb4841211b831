// The device database, handed to screen hooks through React context so a test can give each
// render its own Dexie on fake-indexeddb. Components never touch it: hooks call src/db.
// At a start drawn from sign-in's snapshot the app renders before the database's chunk has
// arrived (decision 0037): the provider is given its arrival, and the hooks of the first render
// (sign-in, the shell) wait for it; every screen behind sign-in finds it there (useDb).
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import type { ConsentLensDb } from '../../db/index.ts'
import type { DbArrival } from './loadDataLayer.ts'

interface DbState {
  /** Null until it has arrived. */
  db: ConsentLensDb | null
  arrival: Promise<ConsentLensDb>
}

const DbContext = createContext<DbState | null>(null)

export function DbProvider({ db, children }: { db: DbArrival; children: ReactNode }) {
  const [arrived, setArrived] = useState<{ from: DbArrival; db: ConsentLensDb } | null>(null)
  useEffect(() => {
    if (!(db instanceof Promise)) return
    let live = true
    db.then(
      (value) => {
        if (live) setArrived({ from: db, db: value })
      },
      // The start says why it cannot go on (startSignIn.ts); the hooks keep waiting.
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [db])
  const current = db instanceof Promise ? (arrived?.from === db ? arrived.db : null) : db
  const value = useMemo(() => ({ db: current, arrival: Promise.resolve(db) }), [current, db])
  return <DbContext value={value}>{children}</DbContext>
}

function useDbState(): DbState {
  const state = useContext(DbContext)
  if (state === null) throw new Error('useDb must be used inside <DbProvider>')
  return state
}

/** For the screens behind sign-in: a person signed in, so the database has arrived. */
export function useDb(): ConsentLensDb {
  const { db } = useDbState()
  if (db === null) throw new Error('useDb was used before the database arrived')
  return db
}

/** For the first render's hooks: null until the database's chunk has arrived. */
export function useArrivedDb(): ConsentLensDb | null {
  return useDbState().db
}

/** Resolves with the database once it has arrived (at once when it has). */
export function useDbArrival(): Promise<ConsentLensDb> {
  return useDbState().arrival
}
