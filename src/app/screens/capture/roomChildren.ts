// Who the tag grid and the "not to be photographed now" strip show: the children of the
// chosen location's room (else the staff member's room; else everyone), attending today.
// The others are found by search, so a visitor from another room can still be tagged.
import type { Child, Location } from '../../../db/index.ts'
import { roomExclusions, type ChildPhotoStatus, type Iso } from '../../../policy/index.ts'
import type { PolicyContext } from '../../../policy/index.ts'

export type RoomChildren = {
  inRoom: Child[]
  others: Child[]
  exclusions: { child: Child; status: ChildPhotoStatus }[]
}

function attending(child: Child, now: Iso): boolean {
  return child.leavingDate === null || child.leavingDate > now.slice(0, 10)
}

export function roomChildren(
  children: readonly Child[],
  location: Location | null,
  staffRoomId: string | null,
  context: PolicyContext,
): RoomChildren {
  const now = context.now
  const present = children.filter((c) => attending(c, now))
  const roomId = location?.roomId ?? staffRoomId
  const inRoom = roomId === null ? present : present.filter((c) => c.roomId === roomId)
  const others = present.filter((c) => !inRoom.includes(c))
  const byId = new Map(inRoom.map((c) => [c.id, c]))
  const exclusions = roomExclusions(
    context,
    inRoom.map((c) => c.id),
  ).flatMap((status) => {
    const child = byId.get(status.childId)
    return child === undefined ? [] : [{ child, status }]
  })
  return { inRoom, others, exclusions }
}
