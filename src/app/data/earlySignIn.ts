// Sign-in's rows, read from IndexedDB from the moment this module is evaluated. main.tsx
// imports it first, so the read starts before React's and Dexie's code is evaluated (about a
// hundred milliseconds on a tablet's cold start) and is usually done when they are
// (earlySignInRows.ts). Null: the database must be opened the usual way (openAppDb.ts).
import { readSignInRowsEarly, type SignInRows } from '../../db/earlySignInRows.ts'

export const earlySignInRows: Promise<SignInRows | null> =
  typeof indexedDB === 'undefined' ? Promise.resolve(null) : readSignInRowsEarly(indexedDB)
