/**
 * The policy context for deciding ONE capture, read inside the save's own transaction: only
 * the rows that decision reads, instead of every consent, injury and member of staff of the
 * setting (loadPolicyContext, which the capture screen uses to decide many captures).
 *
 * Invariants:
 * - The decision on this context is the decision on the whole context for the same capture
 *   (loadCaptureContext.test.ts compares them). The engine looks up the acting member of
 *   staff, this device, the chosen location, and the consents and injuries of the tagged
 *   children; the caption rule matches every child's first name, so every child is read
 *   (untagged children without their injuries, which no rule reads).
 * - Same safe side as loadPolicyContext: staff who have left are not authorised; without this
 *   device's enrolment row its consent data counts as never synced and the device as unknown.
 * - Call inside a transaction over staff, device, locations, children, injuries and consents,
 *   so the decision sees one fresh moment.
 */
import type { Table } from 'dexie'
import type { CaptureRequest, Iso, PolicyContext } from '../policy/index.ts'
import type { ConsentLensDb } from './ConsentLensDb.ts'
import type {
  Child,
  Device,
  InjuryRecord,
  Location,
  StaffRecord,
  StoredConsent,
} from '../model/records.ts'
import { injuriesByChild, NEVER_SYNCED, toPolicyChild, toPolicyStaff } from './loadPolicyContext.ts'

/**
 * One `equals` query per child, side by side: each is a single IndexedDB getAll, where
 * `anyOf` walks a cursor with a round trip per step.
 */
async function rowsOf<T, I>(table: Table<T, string, I>, childIds: readonly string[]): Promise<T[]> {
  const perChild = await Promise.all(
    childIds.map((id) => table.where('childId').equals(id).toArray()),
  )
  return perChild.flat()
}

export type CaptureKeys = Pick<CaptureRequest, 'staffId' | 'deviceId' | 'locationId' | 'childIds'>

/** The rows a capture's decision reads, but this device's own row (see captureContextOf). */
export interface CaptureRows {
  staff: StaffRecord | undefined
  location: Location | undefined
  children: Child[]
  injuries: InjuryRecord[]
  consents: StoredConsent[]
}

export async function loadCaptureContext(
  db: ConsentLensDb,
  keys: CaptureKeys,
  now: Iso,
): Promise<PolicyContext> {
  const [rows, device] = await Promise.all([
    readCaptureRows(db, keys),
    db.device.get(keys.deviceId),
  ])
  return captureContextOf(rows, device, now)
}

/**
 * The rows, read side by side, for a caller that reads this device's row with other things
 * in the same round trip (savePhoto): with `captureContextOf` it is `loadCaptureContext`.
 */
export async function readCaptureRows(
  db: ConsentLensDb,
  keys: Omit<CaptureKeys, 'deviceId'>,
): Promise<CaptureRows> {
  const tagged = [...new Set(keys.childIds)]
  const [staff, location, children, injuries, consents] = await Promise.all([
    db.staff.get(keys.staffId),
    db.locations.get(keys.locationId),
    db.children.toArray(),
    rowsOf(db.injuries, tagged),
    rowsOf(db.consents, tagged),
  ])
  return { staff, location, children, injuries, consents }
}

/** The context from the rows and the request's device row (undefined: this device is unknown). */
export function captureContextOf(
  rows: CaptureRows,
  device: Device | undefined,
  now: Iso,
): PolicyContext {
  const { staff, location, children, injuries, consents } = rows
  const injuriesOf = injuriesByChild(injuries)
  return {
    now,
    consentDataSyncedAt: device?.consentDataSyncedAt ?? NEVER_SYNCED,
    staff: staff === undefined ? [] : [toPolicyStaff(staff)],
    devices:
      device === undefined
        ? []
        : [{ id: device.id, enrolled: device.enrolled, revoked: device.revoked }],
    locations:
      location === undefined ? [] : [{ id: location.id, name: location.name, kind: location.kind }],
    children: children.map((c) => toPolicyChild(c, injuriesOf.get(c.id))),
    consents,
  }
}
