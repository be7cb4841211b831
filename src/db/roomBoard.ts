/**
 * What the room board reads: the rooms, the children attending the chosen room, and the policy
 * context their consent statuses are worked out from. Screens wrap it in a live query, so the
 * board changes the moment a consent record or an injury is written on this device.
 *
 * Invariants:
 * - One read transaction: the children and their consents come from the same moment.
 * - `everyone` is every attending child of the setting (the search looks in every room).
 * - An unknown or null room falls back to the first room by name, so a manager (who has no
 *   room) or a stale room id still sees a board rather than an empty page.
 */
import type { Iso } from '../policy/index.ts'
import type { ConsentLensDb } from './ConsentLensDb.ts'
import { loadDevicePolicy, readPolicyPage, type DevicePolicy } from './policyPage.ts'
import type { Child, Room } from '../model/records.ts'
import { hasLeft } from './reviewsDue.ts'
import { childrenInRoom, listChildren, listRooms } from './rosterQueries.ts'

export interface RoomBoard extends DevicePolicy {
  rooms: Room[]
  /** The room shown; null only when the device has no rooms at all. */
  room: Room | null
  children: Child[]
  /** Every child attending, in every room: "Find a child" searches them all. */
  everyone: Child[]
}

export async function loadRoomBoard(
  db: ConsentLensDb,
  roomId: string | null,
  now: Iso,
): Promise<RoomBoard> {
  return readPolicyPage(db, async () => {
    const rooms = await listRooms(db)
    const room = rooms.find((r) => r.id === roomId) ?? rooms[0] ?? null
    const children = room === null ? [] : await childrenInRoom(db, room.id, now)
    const everyone = (await listChildren(db)).filter((c) => !hasLeft(c, now))
    return { rooms, room, children, everyone, ...(await loadDevicePolicy(db, now)) }
  })
}
