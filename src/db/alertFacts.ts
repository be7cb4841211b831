/**
 * What the manager's alerts on Home need from the tablet: photos not yet on the server,
 * photos flagged for removal, and this tablet's audit chain. (Consent reviews come from
 * `reviewsDue`, which Home reads already.)
 *
 * The server's facts arrive with sync: a photo's `quarantine` (this tablet's photos) and the
 * setting's facts on the device row (`serverFacts`: tablets unseen for a week, quarantined
 * photos of the whole setting, audit chains that failed on arrival). Before the first sync
 * they are absent and the alerts say nothing about them, rather than something untrue.
 *
 * The changes the server refused (`refusals`) are listed until the manager marks them as seen.
 */
import type { AuditPhoto } from '../audit/photoRows.ts'
import type { AuditEvent } from './auditLog.ts'
import type { ConsentLensDb } from './ConsentLensDb.ts'
import { DEMO_DEVICE_ID } from '../demo/demoRoster.ts'
import type { Child, PhotoMeta, Refusal, ServerFacts, StaffRecord } from '../model/records.ts'

export interface AlertFacts {
  /** Kept photos not yet confirmed by the server. */
  unsent: Pick<PhotoMeta, 'id' | 'takenAt' | 'deviceId'>[]
  /** Kept photos with at least one removal flag. */
  flagged: Pick<PhotoMeta, 'id' | 'takenAt' | 'childIds' | 'flaggedForRemoval'>[]
  /** Photos the server quarantined, once sync records it on the photo. */
  quarantined: number
  chain: AuditEvent[]
  /** For the names in the alerts. */
  children: Child[]
  /** The setting's facts from the server's last pull; null before the first. */
  server: ServerFacts | null
  /** This tablet's changes the server refused, not yet marked as seen, oldest first. */
  refusals: Refusal[]
  /** For the names of who made them. */
  staff: Pick<StaffRecord, 'id' | 'name'>[]
  /** The local demo, never enrolled: its photos are sample data that stay on the tablet. */
  sampleOnly: boolean
}

export async function loadAlertFacts(db: ConsentLensDb): Promise<AlertFacts> {
  const tables = [db.photos, db.audit, db.device, db.children, db.refusals, db.staff]
  return db.transaction('r', tables, async () => {
    const device = await db.device.toCollection().first()
    const deviceId = device?.id ?? ''
    const unsentRows = await db.photos.where('syncState').anyOf('waiting', 'uploading').toArray()
    const unsent = unsentRows
      .filter((p) => p.deleted === null)
      .map(({ id, takenAt, deviceId: device }) => ({ id, takenAt, deviceId: device }))
    // No index says "flagged" or "quarantined" (v1 has none): one pass over the metadata.
    const flagged: AlertFacts['flagged'] = []
    let quarantined = 0
    await db.photos.each((photo: AuditPhoto) => {
      if (photo.deleted !== null) return
      if (photo.quarantine != null) quarantined += 1
      if (photo.flaggedForRemoval.length === 0) return
      const { id, takenAt, childIds, flaggedForRemoval } = photo
      flagged.push({ id, takenAt, childIds, flaggedForRemoval })
    })
    const chain = await db.audit
      .where('[deviceId+seq]')
      .between([deviceId, 0], [deviceId, Infinity])
      .toArray()
    const children = await db.children.toArray()
    const refusals = (await db.refusals.orderBy('refusedAt').toArray()).filter(
      (r) => r.seenAt === null,
    )
    const staff = (await db.staff.toArray()).map(({ id, name }) => ({ id, name }))
    const server = device?.serverFacts ?? null
    const sampleOnly = device?.id === DEMO_DEVICE_ID
    return { unsent, flagged, quarantined, chain, children, server, refusals, staff, sampleOnly }
  })
}
