// Who sign-in lists, and whether the setting is the demo: one read, made by sign-in's live
// query and, once, at the start of the app (main.tsx: the early read of earlySignInRows.ts,
// or openAppDb with the database just opened), so the sign-in screen's first render shows its
// people instead of waiting a paint for its query. Both reads shape their rows here. A list is
// only what sign-in shows (id, name, role), the same shape as the snapshot a cold start shows
// before IndexedDB answers (db/signInSnapshot.ts). The list read at start reaches sign-in
// through SignInListAtStart (signInListAtStart.ts).
import type { ConsentLensDb } from '../../../db/ConsentLensDb.ts'
import { getSetting } from '../../../db/rosterQueries.ts'
import { toStaff } from '../../../db/staffQueries.ts'
import type { Setting, StaffRecord } from '../../../model/records.ts'
import type { SignInList } from './signInListAtStart.ts'

export type { SignInList } from './signInListAtStart.ts'

/** The people who may sign in (active staff, by name) and whether it is the demo. */
export function signInListFrom(
  records: readonly StaffRecord[],
  setting: Setting | undefined,
): SignInList {
  const staff = records
    .map(toStaff)
    .filter((s) => s.active)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map(({ id, name, role }) => ({ id, name, role }))
  return { staff, isDemo: setting?.isDemo ?? false }
}

export async function readSignInList(db: ConsentLensDb): Promise<SignInList> {
  const [records, setting] = await Promise.all([db.staff.toArray(), getSetting(db)])
  return signInListFrom(records, setting)
}
