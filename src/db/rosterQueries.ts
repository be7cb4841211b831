/**
 * What the room board and the pickers read: rooms, children by room or by keyworker, the
 * setting and this device's enrolment. Read-only; changes go through the repositories.
 */
import type { Iso } from '../policy/index.ts'
import type { ConsentLensDb } from './ConsentLensDb.ts'
import type { Child, Device, Room, Setting } from '../model/records.ts'

function byName(a: Child, b: Child): number {
  return a.firstName.localeCompare(b.firstName) || a.lastName.localeCompare(b.lastName)
}

export async function getSetting(db: ConsentLensDb): Promise<Setting | undefined> {
  return db.setting.toCollection().first()
}

export async function getDevice(db: ConsentLensDb): Promise<Device | undefined> {
  return db.device.toCollection().first()
}

export async function listRooms(db: ConsentLensDb): Promise<Room[]> {
  const rooms = await db.rooms.toArray()
  return rooms.sort((a, b) => a.name.localeCompare(b.name))
}

export async function getChild(db: ConsentLensDb, id: string): Promise<Child | undefined> {
  return db.children.get(id)
}

/** Children attending at `now` (not yet left), by first name. */
export async function childrenInRoom(
  db: ConsentLensDb,
  roomId: string,
  now: Iso,
): Promise<Child[]> {
  const children = await db.children.where('roomId').equals(roomId).toArray()
  return children.filter((c) => !hasLeft(c, now)).sort(byName)
}

export async function keyChildren(
  db: ConsentLensDb,
  keyworkerId: string,
  now: Iso,
): Promise<Child[]> {
  const children = await db.children.where('keyworkerId').equals(keyworkerId).toArray()
  return children.filter((c) => !hasLeft(c, now)).sort(byName)
}

export async function listChildren(db: ConsentLensDb): Promise<Child[]> {
  const children = await db.children.toArray()
  return children.sort(byName)
}

/** A child whose leaving date has come is off the roster's lists (kept for their records). */
export function hasLeft(child: Child, now: Iso): boolean {
  return child.leavingDate !== null && child.leavingDate <= now.slice(0, 10)
}
