/**
 * What the daily photo audit reads from the tablet: the day's photos and audit events, this
 * tablet's whole chain (to verify it), the month's photos (for photos per child), and the
 * names to show. One read transaction, so the audit is of one consistent moment.
 *
 * Invariants:
 * - Read-only. Images are never loaded here (thumbnails are read one by one, as shown).
 * - Bounds are ISO instants as stored (`toISOString`, UTC), so string ranges on the `takenAt`
 *   and `at` indexes are time ranges. The caller turns the setting's local day into bounds.
 */
import type { Iso } from '../policy/index.ts'
import type { AuditEvent } from './auditLog.ts'
import type { ConsentLensDb } from './ConsentLensDb.ts'
import type { Child, Device, Location, PhotoMeta, Setting, StaffRecord } from '../model/records.ts'

export interface AuditDayBounds {
  /** Start of the day audited (inclusive) and its end (exclusive). */
  from: Iso
  until: Iso
  /** Start of the 30-day window for photos per child. */
  monthFrom: Iso
}

export interface AuditDayData {
  setting: Setting | undefined
  device: Device | undefined
  photos: PhotoMeta[]
  events: AuditEvent[]
  /** This tablet's events, all of them, in seq order. */
  chain: AuditEvent[]
  monthPhotos: PhotoMeta[]
  staff: Pick<StaffRecord, 'id' | 'name'>[]
  children: Child[]
  locations: Location[]
}

const TABLES = ['setting', 'device', 'photos', 'audit', 'staff', 'children', 'locations'] as const

export async function loadAuditDay(
  db: ConsentLensDb,
  bounds: AuditDayBounds,
): Promise<AuditDayData> {
  return db.transaction('r', [...TABLES], async () => {
    const device = await db.device.toCollection().first()
    const deviceId = device?.id ?? ''
    const [setting, photos, events, chain, monthPhotos, staff, children, locations] =
      await Promise.all([
        db.setting.toCollection().first(),
        db.photos.where('takenAt').between(bounds.from, bounds.until, true, false).toArray(),
        db.audit.where('at').between(bounds.from, bounds.until, true, false).toArray(),
        db.audit.where('[deviceId+seq]').between([deviceId, 0], [deviceId, Infinity]).toArray(),
        db.photos.where('takenAt').between(bounds.monthFrom, bounds.until, true, false).toArray(),
        db.staff.toArray(),
        db.children.toArray(),
        db.locations.toArray(),
      ])
    const names = staff.map(({ id, name }) => ({ id, name }))
    return {
      setting,
      device,
      photos,
      events,
      chain,
      monthPhotos,
      staff: names,
      children,
      locations,
    }
  })
}
