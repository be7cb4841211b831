/**
 * What every page that answers "may this child be photographed?" reads besides its own data:
 * this device's policy context and the setting's default purposes (the room board and a
 * child's page both answer for those), in one read transaction with the page's own reads.
 *
 * Invariant: read-only, and one moment: the page's rows and the context come from the same
 * transaction, so a consent written in between never shows on one and not the other.
 */
import type { Iso, PolicyContext, Purpose } from '../policy/index.ts'
import type { ConsentLensDb } from './ConsentLensDb.ts'
import { loadPolicyContext } from './loadPolicyContext.ts'
import { getDevice, getSetting } from './rosterQueries.ts'

export interface DevicePolicy {
  context: PolicyContext
  /** What most photos here are for (the setting's default on the capture screen). */
  defaultPurposes: Purpose[]
}

/** Runs `read` in one read transaction over the policy's tables, the setting and the rooms. */
export function readPolicyPage<T>(db: ConsentLensDb, read: () => Promise<T>): Promise<T> {
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
  return db.transaction('r', tables, read)
}

/** This device's policy context at `now` and the setting's default purposes. */
export async function loadDevicePolicy(db: ConsentLensDb, now: Iso): Promise<DevicePolicy> {
  const [device, setting] = await Promise.all([getDevice(db), getSetting(db)])
  const context = await loadPolicyContext(db, { now, deviceId: device?.id ?? '' })
  return { context, defaultPurposes: setting?.defaultPurposes ?? [] }
}
