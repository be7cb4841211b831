/**
 * Everything a child's page shows, read in one transaction: the child, their room and
 * keyworker, the policy context (for the current status of each purpose), the full stored
 * history (with form references and conditions, which the policy context does not carry),
 * their injuries and the names of the staff who recorded things.
 *
 * Invariant: read-only. Changes go through consentRepository and injuryRepository.
 */
import type { Iso, PolicyContext, Purpose } from '../policy/index.ts'
import type { ConsentLensDb } from './ConsentLensDb.ts'
import { consentHistory } from './consentRepository.ts'
import { injuriesOf } from './injuryRepository.ts'
import { loadPolicyContext } from './loadPolicyContext.ts'
import type { Child, InjuryRecord, Room, StoredConsent } from '../model/records.ts'
import { getDevice, getSetting } from './rosterQueries.ts'

export interface ChildConsentPage {
  child: Child
  room: Room | null
  context: PolicyContext
  /** Every record of the child, oldest first, superseded ones included. */
  history: StoredConsent[]
  /** Newest first, cleared ones included. */
  injuries: InjuryRecord[]
  /** Staff names by id, for "recorded by". */
  staffNames: Record<string, string>
  /** What most photos here are for: the page's answer is about these, as the board's is. */
  defaultPurposes: Purpose[]
}

export async function loadChildConsentPage(
  db: ConsentLensDb,
  childId: string,
  now: Iso,
): Promise<ChildConsentPage | null> {
  const tables = [
    db.setting,
    db.rooms,
    db.children,
    db.staff,
    db.device,
    db.locations,
    db.injuries,
    db.consents,
  ]
  return db.transaction('r', tables, async () => {
    const child = await db.children.get(childId)
    if (child === undefined) return null
    const [room, history, injuries, staff, device, setting] = await Promise.all([
      db.rooms.get(child.roomId),
      consentHistory(db, childId),
      injuriesOf(db, childId),
      db.staff.toArray(),
      getDevice(db),
      getSetting(db),
    ])
    const context = await loadPolicyContext(db, { now, deviceId: device?.id ?? '' })
    const staffNames = Object.fromEntries(staff.map((s) => [s.id, s.name]))
    const defaultPurposes = setting?.defaultPurposes ?? []
    return { child, room: room ?? null, context, history, injuries, staffNames, defaultPurposes }
  })
}
