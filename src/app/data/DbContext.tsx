// The device database, handed to screen hooks through React context so a test can give each
// render its own Dexie on fake-indexeddb. Components never touch it: hooks call src/db.
import { createContext, useContext, type ReactNode } from 'react'
import type { ConsentLensDb } from '../../db/index.ts'

const DbContext = createContext<ConsentLensDb | null>(null)

export function DbProvider({ db, children }: { db: ConsentLensDb; children: ReactNode }) {
  return <DbContext value={db}>{children}</DbContext>
}

export function useDb(): ConsentLensDb {
  const db = useContext(DbContext)
  if (db === null) throw new Error('useDb must be used inside <DbProvider>')
  return db
}
