/**
 * Builds the policy's PolicyContext from this device's tables, in one read transaction so the
 * engine sees one consistent moment.
 *
 * Invariants (safe side first):
 * - A member of staff who is no longer active counts as not authorised to take images.
 * - If this device has no enrolment row, its consent data counts as never synced (the
 *   staleness rule then blocks), and it is not in `devices` (the enrolment rule blocks).
 * - Archived locations and children who have left stay in: old photos are re-checked against
 *   them, and a former child's name in a caption is still a child's name.
 */
import type { Iso, PolicyChild, PolicyContext, PolicyStaff } from '../policy/index.ts'
import type { ConsentLensDb } from './ConsentLensDb.ts'
import type { Child, InjuryRecord, StaffRecord } from '../model/records.ts'

export const NEVER_SYNCED: Iso = '1970-01-01T00:00:00.000Z'

/** Staff who have left count as not authorised, whatever their record still says. */
export function toPolicyStaff(s: StaffRecord): PolicyStaff {
  return { id: s.id, name: s.name, canCapture: s.active && s.canCapture }
}

export function injuriesByChild(injuries: readonly InjuryRecord[]): Map<string, InjuryRecord[]> {
  const byChild = new Map<string, InjuryRecord[]>()
  for (const injury of injuries) {
    byChild.set(injury.childId, [...(byChild.get(injury.childId) ?? []), injury])
  }
  return byChild
}

export function toPolicyChild(c: Child, injuries: readonly InjuryRecord[] = []): PolicyChild {
  return {
    id: c.id,
    firstName: c.firstName,
    lastName: c.lastName,
    injuries: injuries.map((i) => ({ recordedAt: i.recordedAt, clearedAt: i.clearedAt })),
  }
}

export async function loadPolicyContext(
  db: ConsentLensDb,
  options: { now: Iso; deviceId: string },
): Promise<PolicyContext> {
  const tables = [db.staff, db.device, db.locations, db.children, db.injuries, db.consents]
  return db.transaction('r', tables, async () => {
    const [staff, devices, locations, children, injuries, consents] = await Promise.all([
      db.staff.toArray(),
      db.device.toArray(),
      db.locations.toArray(),
      db.children.toArray(),
      db.injuries.toArray(),
      db.consents.toArray(),
    ])
    const injuriesOf = injuriesByChild(injuries)
    const thisDevice = devices.find((d) => d.id === options.deviceId)
    return {
      now: options.now,
      consentDataSyncedAt: thisDevice?.consentDataSyncedAt ?? NEVER_SYNCED,
      staff: staff.map(toPolicyStaff),
      devices: devices.map((d) => ({ id: d.id, enrolled: d.enrolled, revoked: d.revoked })),
      locations: locations.map((l) => ({ id: l.id, name: l.name, kind: l.kind })),
      children: children.map((c) => toPolicyChild(c, injuriesOf.get(c.id))),
      consents,
    }
  })
}
