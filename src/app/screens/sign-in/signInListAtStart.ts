// The list of who may sign in as read at the start (signInList.ts): the snapshot's, the early
// read's or the database's, so the first sign-in shows its people in its first render. Apart
// from the reads that make it, which need the database's chunk (decision 0037).
import { createContext } from 'react'
import type { SignInSnapshot } from '../../../db/signInSnapshot.ts'

/** Who sign-in lists (id, name, role) and whether the setting is the demo. */
export type SignInList = SignInSnapshot

/** The list read at start; only the sign-in shown at start uses it (later ones read afresh). */
export const SignInListAtStart = createContext<SignInList | null>(null)
