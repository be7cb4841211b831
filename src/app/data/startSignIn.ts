// How a start gets sign-in on screen (main.tsx's whole sequence, here so tests can drive it):
// at once from the snapshot in localStorage when there is one (db/signInSnapshot.ts, decision
// 0035), then confirmed from IndexedDB: the early read's rows (earlySignIn.ts) or, without
// them, the usual open (openAppDb: upgrade, demo seed). Without a snapshot, the first render
// waits for that confirmation as before.
//
// Invariants:
// - One database instance, one render of the app: shown from the snapshot, the app is not
//   rendered again when IndexedDB answers (a second render would build a second sync control);
//   sign-in's live query replaces the snapshot's list with IndexedDB's.
// - The snapshot only lists names. A PIN is checked against IndexedDB (verifyPin), so a name
//   the snapshot shows but the database no longer has lets nobody in.
// - A failed open drops the snapshot and says why, as a start without one does; a database
//   that opened keeps the snapshot following its staff (signInSnapshotKeeper.ts).
import type { ConsentLensDb } from '../../db/index.ts'
import type { SignInRows } from '../../db/earlySignInRows.ts'
import {
  dropSignInSnapshot,
  readSignInSnapshot,
  type SnapshotStorage,
} from '../../db/signInSnapshot.ts'
import { openAppDb, openBehindSignIn, type OpenedDb } from './openAppDb.ts'
import { keepSignInSnapshot } from './signInSnapshotKeeper.ts'

export interface SignInStart {
  db: ConsentLensDb
  storage: SnapshotStorage | null
  /** The early read's answer; undefined when it did not run (dev server, an old page). */
  early: Promise<SignInRows | null> | undefined
  /** Renders the app (or why it cannot start) in the page's root. */
  show: (opened: OpenedDb) => void
}

/** Resolves once IndexedDB has answered, with the function that stops the snapshot's keeper. */
export async function startSignIn({ db, storage, early, show }: SignInStart): Promise<() => void> {
  const snapshot = readSignInSnapshot(storage)
  if (snapshot !== null) show({ ok: true, db, signIn: snapshot })
  const failed = (opened: OpenedDb) => {
    dropSignInSnapshot(storage)
    show(opened)
  }
  const rows = await (early ?? Promise.resolve(null))
  const opened = rows === null ? await openAppDb(db) : openBehindSignIn(db, rows, failed)
  if (!opened.ok) {
    failed(opened)
    return () => undefined
  }
  if (snapshot === null) show(opened)
  return keepSignInSnapshot(opened.db, storage)
}
