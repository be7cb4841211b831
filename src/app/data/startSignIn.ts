// How a start gets sign-in on screen (main.tsx's whole sequence, here so tests can drive it):
// at once from the snapshot in localStorage when there is one (db/signInSnapshot.ts, decision
// 0035), before the database's chunk (Dexie and the data layer, dataLayer.ts) has even arrived
// (decision 0037); then confirmed from IndexedDB: the early read's rows (earlySignIn.ts) or,
// without them, the usual open (openAppDb: upgrade, demo seed). Without a snapshot, the first
// render waits for the chunk and that confirmation as before.
//
// Invariants:
// - One database instance, one render of the app: shown from the snapshot, the app is given the
//   database's arrival and is not rendered again when it comes or when IndexedDB answers (a
//   second render would build a second sync control); sign-in's live query replaces the
//   snapshot's list with IndexedDB's.
// - The snapshot only lists names. A PIN is checked against IndexedDB (verifyPin), so a name
//   the snapshot shows but the database no longer has lets nobody in.
// - A failed open drops the snapshot and says why, as a start without one does; a database
//   that opened keeps the snapshot following its staff (signInSnapshotKeeper.ts). A chunk that
//   fails to load says so too (the snapshot is not at fault, so it stays).
import type { ConsentLensDb } from '../../db/index.ts'
import type { SignInRows } from '../../db/earlySignInRows.ts'
import {
  dropSignInSnapshot,
  readSignInSnapshot,
  type SnapshotStorage,
} from '../../db/signInSnapshot.ts'
import type { AppStart } from '../startApp.tsx'
import { loadDataLayer, type DataLayer } from './loadDataLayer.ts'

const CANNOT_LOAD =
  'ConsentLens could not load all of its parts on this tablet. Reload the page; if this keeps ' +
  'happening, open ConsentLens once while the tablet is online so it can fetch them again.'

export interface SignInStart {
  /** The database to open, made once its chunk has arrived (main.tsx: dataLayer's openDb). */
  db: Promise<ConsentLensDb>
  storage: SnapshotStorage | null
  /** The early read's answer; undefined when it did not run (dev server, an old page). */
  early: Promise<SignInRows | null> | undefined
  /** Renders the app (or why it cannot start) in the page's root. */
  show: (opened: AppStart) => void
}

/** Resolves once IndexedDB has answered, with the function that stops the snapshot's keeper. */
export async function startSignIn({ db, storage, early, show }: SignInStart): Promise<() => void> {
  const snapshot = readSignInSnapshot(storage)
  if (snapshot !== null) show({ ok: true, db, signIn: snapshot })
  const failed = (opened: AppStart) => {
    dropSignInSnapshot(storage)
    show(opened)
  }
  let arrived: [DataLayer, ConsentLensDb]
  try {
    arrived = await Promise.all([loadDataLayer(), db])
  } catch (error) {
    console.error("Could not load the database's code", error)
    show({ ok: false, message: CANNOT_LOAD })
    return () => undefined
  }
  const [layer, opening] = arrived
  const rows = await (early ?? Promise.resolve(null))
  const opened =
    rows === null ? await layer.openAppDb(opening) : layer.openBehindSignIn(opening, rows, failed)
  if (!opened.ok) {
    failed(opened)
    return () => undefined
  }
  if (snapshot === null) show(opened)
  return layer.keepSignInSnapshot(opened.db, storage)
}
