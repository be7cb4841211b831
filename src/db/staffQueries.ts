/**
 * Reading staff: who they are, as the sign-in screen lists them. Apart from the repository's
 * changes (staffRepository.ts) so that showing sign-in loads none of what signs, hashes or
 * queues a change.
 */
import type { ConsentLensDb } from './ConsentLensDb.ts'
import type { Staff, StaffRecord } from '../model/records.ts'

export function toStaff(record: StaffRecord): Staff {
  const { id, name, role, canCapture, roomId, active, lockedUntil, version, updatedAt } = record
  const mustChangePin = record.mustChangePin === true
  const staff: Staff = {
    id,
    name,
    role,
    canCapture,
    roomId,
    active,
    hasPin: record.pin !== null,
    lockedUntil,
    mustChangePin,
  }
  // Only when known: a row from before versions stays exactly as it was.
  if (version !== undefined) staff.version = version
  if (updatedAt !== undefined) staff.updatedAt = updatedAt
  return staff
}

export async function listStaff(db: ConsentLensDb): Promise<Staff[]> {
  const all = await db.staff.toArray()
  return all.map(toStaff).sort((a, b) => a.name.localeCompare(b.name))
}

export async function getStaff(db: ConsentLensDb, id: string): Promise<Staff | undefined> {
  const record = await db.staff.get(id)
  return record === undefined ? undefined : toStaff(record)
}
