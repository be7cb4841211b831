/**
 * Everything a child's page shows, read in one transaction: the child, their room and
 * keyworker, the policy context (for the current status of each purpose), the full stored
 * history (with form references and conditions, which the policy context does not carry),
 * their injuries and the names of the staff who recorded things.
 *
 * Invariant: read-only. Changes go through consentRepository and injuryRepository.
 */
import type { Iso } from '../policy/index.ts'
import type { ConsentLensDb } from './ConsentLensDb.ts'
import { consentHistory } from './consentRepository.ts'
import { injuriesOf } from './injuryRepository.ts'
import { loadDevicePolicy, readPolicyPage, type DevicePolicy } from './policyPage.ts'
import type { Child, InjuryRecord, Room, StoredConsent } from '../model/records.ts'

/** `defaultPurposes`: what the page's answer is about, as the board's is. */
export interface ChildConsentPage extends DevicePolicy {
  child: Child
  room: Room | null
  /** Every record of the child, oldest first, superseded ones included. */
  history: StoredConsent[]
  /** Newest first, cleared ones included. */
  injuries: InjuryRecord[]
  /** Staff names by id, for "recorded by". */
  staffNames: Record<string, string>
}

export async function loadChildConsentPage(
  db: ConsentLensDb,
  childId: string,
  now: Iso,
): Promise<ChildConsentPage | null> {
  return readPolicyPage(db, async () => {
    const child = await db.children.get(childId)
    if (child === undefined) return null
    const [room, history, injuries, staff] = await Promise.all([
      db.rooms.get(child.roomId),
      consentHistory(db, childId),
      injuriesOf(db, childId),
      db.staff.toArray(),
    ])
    const policy = await loadDevicePolicy(db, now)
    const staffNames = Object.fromEntries(staff.map((s) => [s.id, s.name]))
    return { child, room: room ?? null, history, injuries, staffNames, ...policy }
  })
}
