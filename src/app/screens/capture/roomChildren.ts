// Who the tag grid and the "not to be photographed now" strip show: the children of the
// chosen location's room (else the staff member's room; else everyone), attending today.
// The others are found by search, so a visitor from another room can still be tagged.
// `exclusions`: may not be in any photo now (injury, no valid consent at all). `restricted`:
// may be in a photo, but not for some of the purposes this photo is for (the setting's
// default before the shutter, the chosen ones after), so nobody frames a learning-journey
// photo around a child whose learning-journey consent was withdrawn.
import type { Child, Location } from '../../../db/index.ts'
import {
  purposeRestrictions,
  childPhotoStatus,
  type ChildPhotoStatus,
  type ExclusionReason,
  type Iso,
  type Purpose,
} from '../../../policy/index.ts'
import type { PolicyContext } from '../../../policy/index.ts'

export type RoomChildren = {
  inRoom: Child[]
  others: Child[]
  exclusions: { child: Child; status: ChildPhotoStatus }[]
  restricted: { child: Child; reasons: (ExclusionReason & { purpose: Purpose })[] }[]
}

function attending(child: Child, now: Iso): boolean {
  return child.leavingDate === null || child.leavingDate > now.slice(0, 10)
}

export function roomChildren(
  children: readonly Child[],
  location: Location | null,
  staffRoomId: string | null,
  context: PolicyContext,
  purposes: readonly Purpose[],
): RoomChildren {
  const now = context.now
  const present = children.filter((c) => attending(c, now))
  const roomId = location?.roomId ?? staffRoomId
  const inRoom = roomId === null ? present : present.filter((c) => c.roomId === roomId)
  const others = present.filter((c) => !inRoom.includes(c))
  // Each child's picture once: the same the policy's roomExclusions reads.
  const statuses = inRoom.map((child) => ({ child, status: childPhotoStatus(context, child.id) }))
  const exclusions = statuses.filter(({ status }) => status.excluded)
  const restricted = statuses
    .filter(({ status }) => !status.excluded)
    .map(({ child, status }) => ({ child, reasons: purposeRestrictions(status, purposes) }))
    .filter((r) => r.reasons.length > 0)
  return { inRoom, others, exclusions, restricted }
}
