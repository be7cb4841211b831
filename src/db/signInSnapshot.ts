/**
 * Sign-in's list kept as a small snapshot in localStorage, so a cold start can show who may
 * sign in before IndexedDB has opened (its open is the last wait of a start: decision 0035).
 *
 * Invariants:
 * - It holds exactly what sign-in shows: each listed person's id, name and role, and whether the
 *   setting is the demo. No PIN material, no consent, no child, no setting details.
 * - It is a display hint, never a credential: a tap on a name and a PIN are checked against
 *   IndexedDB only (verifyPin), and the role a signed-in person gets comes from there too.
 * - Written only from a list just read from IndexedDB (signInSnapshotKeeper.ts); tagged with
 *   the database version it was read under, so a build whose database must upgrade ignores it.
 * - Anything that is not exactly this shape (corrupt, foreign, older) reads as null; nothing
 *   here throws: storage that is blocked or full only means no snapshot.
 * - The device wipe removes it with the data it came from (wipeDevice.ts).
 */
import type { StaffRole } from '../policy/index.ts'
import { LATEST_DB_VERSION } from './latestVersion.ts'

export const SIGN_IN_SNAPSHOT_KEY = 'consentlens.signInSnapshot'

/** A person as sign-in lists them. */
export interface SignInPerson {
  id: string
  name: string
  role: StaffRole
}

/** What sign-in shows: its people, and whether the setting is the demo. */
export interface SignInSnapshot {
  staff: SignInPerson[]
  isDemo: boolean
}

export type SnapshotStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

/**
 * The roles a person can have, checked against `StaffRole` by the compiler (a role missing or
 * extra fails the build); not `STAFF_ROLES`, whose module (the whole grant table) would join
 * the first chunk for this check alone.
 */
const ROLES: Record<StaffRole, true> = {
  manager: true,
  keyworker: true,
  practitioner: true,
  student: true,
  volunteer: true,
}

/** Far more than any setting's staff: a value past these is not ours. */
const MAX_PEOPLE = 500
const MAX_TEXT = 200

/** The page's localStorage, or null where it is missing or blocked (reading it can throw). */
export function deviceStorage(): SnapshotStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage
  } catch {
    return null
  }
}

export function readSignInSnapshot(storage: SnapshotStorage | null): SignInSnapshot | null {
  if (storage === null) return null
  try {
    const raw = storage.getItem(SIGN_IN_SNAPSHOT_KEY)
    return raw === null ? null : snapshotFrom(JSON.parse(raw) as unknown)
  } catch {
    return null
  }
}

/** Keeps `list` as the snapshot (only the fields sign-in shows); an empty list removes it. */
export function writeSignInSnapshot(storage: SnapshotStorage | null, list: SignInSnapshot): void {
  if (storage === null) return
  if (list.staff.length === 0) {
    dropSignInSnapshot(storage)
    return
  }
  const stored = {
    v: LATEST_DB_VERSION,
    isDemo: list.isDemo,
    staff: list.staff.map(({ id, name, role }) => ({ id, name, role })),
  }
  const raw = JSON.stringify(stored)
  try {
    if (storage.getItem(SIGN_IN_SNAPSHOT_KEY) !== raw) storage.setItem(SIGN_IN_SNAPSHOT_KEY, raw)
  } catch {
    // Full or blocked storage: no snapshot, the next start reads IndexedDB as before.
    dropSignInSnapshot(storage)
  }
}

export function dropSignInSnapshot(storage: SnapshotStorage | null): void {
  try {
    storage?.removeItem(SIGN_IN_SNAPSHOT_KEY)
  } catch {
    // Blocked storage holds no snapshot to remove.
  }
}

function snapshotFrom(value: unknown): SignInSnapshot | null {
  if (!isRecord(value) || value.v !== LATEST_DB_VERSION || typeof value.isDemo !== 'boolean')
    return null
  const { staff } = value
  if (!Array.isArray(staff) || staff.length === 0 || staff.length > MAX_PEOPLE) return null
  const people: SignInPerson[] = []
  for (const person of staff as unknown[]) {
    if (!isPerson(person)) return null
    people.push({ id: person.id, name: person.name, role: person.role })
  }
  return { staff: people, isDemo: value.isDemo }
}

function isPerson(value: unknown): value is SignInPerson {
  return (
    isRecord(value) &&
    isText(value.id) &&
    isText(value.name) &&
    typeof value.role === 'string' &&
    Object.hasOwn(ROLES, value.role)
  )
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_TEXT
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
