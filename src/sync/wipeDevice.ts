/**
 * A revoked iPad (lost, stolen, retired) wipes itself the moment the server says so: photos,
 * children, consent records, staff and their PIN verifiers, the outbox and the audit trail are
 * deleted without sending anything, and the credential is forgotten.
 *
 * Invariant: what stays is only what says what happened: the setting's name and the device
 * row marked revoked, so the app can tell the person holding it. Sign-in's snapshot of staff
 * names in localStorage (db/signInSnapshot.ts) goes with the staff it was read from.
 */
import type { ConsentLensDb } from '../db/index.ts'
import { deviceStorage, dropSignInSnapshot, type SnapshotStorage } from '../db/signInSnapshot.ts'
import type { SyncStateDb } from './syncStateDb.ts'

const WIPED = [
  'rooms',
  'locations',
  'children',
  'consents',
  'injuries',
  'staff',
  'photos',
  'photoImages',
  'audit',
  'outbox',
  'refusals',
] as const

export async function wipeDevice(
  db: ConsentLensDb,
  state: SyncStateDb,
  storage: SnapshotStorage | null = deviceStorage(),
): Promise<void> {
  // Before the data goes (a wipe cut short must not leave names behind) and after it (nothing
  // may have written it again in between: the snapshot's keeper follows committed staff).
  dropSignInSnapshot(storage)
  await db.transaction('rw', [...WIPED, 'device'], async () => {
    await Promise.all(WIPED.map((t) => db.table(t).clear()))
    await db.device.toCollection().modify({ enrolled: false, revoked: true })
  })
  dropSignInSnapshot(storage)
  await state.state.clear()
}

export const WIPED_MESSAGE =
  'The manager switched this iPad off (reported lost or retired). Its photos and records have been removed from it without being sent. Ask the manager to enrol it again if it is found.'
