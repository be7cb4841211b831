// Who sign-in lists, and whether the setting is the demo: one read, made by sign-in's live
// query and, once, at the start of the app (main.tsx: the early read of earlySignInRows.ts,
// or openAppDb with the database just opened), so the sign-in screen's first render shows its
// people instead of waiting a paint for its query. Both reads shape their rows here. A list is
// only what sign-in shows (id, name, role), the same shape as the snapshot a cold start shows
// before IndexedDB answers (db/signInSnapshot.ts).
import { createContext } from 'react'
import { getSetting, toStaff, type ConsentLensDb } from '../../../db/index.ts'
import type { SignInSnapshot } from '../../../db/signInSnapshot.ts'
import type { Setting, StaffRecord } from '../../../model/records.ts'

export type SignInList = SignInSnapshot

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

/** The list read at start; only the sign-in shown at start uses it (later ones read afresh). */
export const SignInListAtStart = createContext<SignInList | null>(null)
