// Opens the tablet's database and, on the very first run, fills it with the demo setting so
// every screen has something true to show. A failure is told in words: without IndexedDB
// (some private browsing modes, storage blocked) nothing can be kept safely; an update that
// cannot bring a saved row up to date says so in its own words (validateRows.ts). The seed (the demo's
// records and the code that writes them) is loaded only when there is nothing yet, so every
// later start opens sign-in without it. When sign-in's rows were read early (earlySignIn.ts),
// the database opens behind the first render instead (openBehindSignIn). Either way, a start
// that showed sign-in from its snapshot (db/signInSnapshot.ts) opens the same instance.
import type { SignInRows } from '../../db/earlySignInRows.ts'
import { openDb, type ConsentLensDb } from '../../db/ConsentLensDb.ts'
import { StoredRowError } from '../../db/validateRows.ts'
import { readSignInList, signInListFrom, type SignInList } from '../screens/sign-in/signInList.ts'
import { nowIso } from './clock.ts'

/** `signIn`: who sign-in lists, read with the database just opened (signInList.ts). */
export type OpenedDb =
  | { ok: true; db: ConsentLensDb; signIn?: SignInList }
  | { ok: false; message: string }

/** `db`: the instance to open (main.tsx's, when sign-in is already on screen from a snapshot). */
export async function openAppDb(db: ConsentLensDb = openDb()): Promise<OpenedDb> {
  try {
    await db.open()
    if ((await db.setting.count()) === 0) {
      const { seedDemoIfEmpty } = await import('../../db/seedDemo.ts')
      await seedDemoIfEmpty(db, nowIso())
    }
    return { ok: true, db, signIn: await readSignInList(db) }
  } catch (error) {
    return cannotOpen(error)
  }
}

/**
 * The database as the early read found it (up to date, with its setting): sign-in renders
 * from `rows` at once while Dexie opens. Should that open still fail, `onFailure` is told.
 */
export function openBehindSignIn(
  db: ConsentLensDb,
  rows: SignInRows,
  onFailure: (failed: OpenedDb) => void,
): OpenedDb {
  db.open().catch((error: unknown) => {
    onFailure(cannotOpen(error))
  })
  return { ok: true, db, signIn: signInListFrom(rows.staff, rows.setting) }
}

/** The upgrade's own account of a saved row it could not take, however Dexie wrapped it. */
function storedRowError(error: unknown): StoredRowError | undefined {
  let cause = error
  for (let depth = 0; depth < 5 && cause instanceof Error; depth++) {
    if (cause instanceof StoredRowError) return cause
    cause = (cause as Error & { inner?: unknown }).inner ?? cause.cause
  }
  return undefined
}

function cannotOpen(error: unknown): OpenedDb {
  console.error('Could not open the database', error)
  // An update that cannot take a saved row says which and what to do; private browsing is
  // not the cause, and its advice would send the manager the wrong way.
  const rowError = storedRowError(error)
  if (rowError !== undefined) return { ok: false, message: rowError.message }
  return {
    ok: false,
    message:
      'ConsentLens cannot store anything in this browser, so it will not take photos here. ' +
      'Turn off private browsing, or open ConsentLens from the home screen icon, then reload.',
  }
}
