// Who sign-in lists, and whether the setting is the demo: one read, made by sign-in's live
// query and, once, by the start of the app with the database just opened (openAppDb), so the
// sign-in screen's first render shows its people instead of waiting a paint for its query.
import { createContext } from 'react'
import { getSetting, listStaff, type ConsentLensDb, type Staff } from '../../../db/index.ts'

export interface SignInList {
  staff: Staff[]
  isDemo: boolean
}

export async function readSignInList(db: ConsentLensDb): Promise<SignInList> {
  const [staff, setting] = await Promise.all([listStaff(db), getSetting(db)])
  return { staff: staff.filter((s) => s.active), isDemo: setting?.isDemo ?? false }
}

/** The list read at start; only the sign-in shown at start uses it (later ones read afresh). */
export const SignInListAtStart = createContext<SignInList | null>(null)
