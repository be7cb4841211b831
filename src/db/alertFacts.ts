/**
 * What the manager's alerts on Home need from the tablet: photos not yet on the server,
 * photos flagged for removal, and this tablet's audit chain. (Consent reviews come from
 * `reviewsDue`, which Home reads already.)
 *
 * Seams for the server's facts (sync brings them): a photo's `quarantined` field and the
 * setting's devices with when each was last seen. Until sync stores them they are absent
 * here and the alerts say nothing about them, rather than something untrue.
 */
import type { AuditPhoto } from '../audit/photoRows.ts'
import type { AuditEvent } from './auditLog.ts'
import type { ConsentLensDb } from './ConsentLensDb.ts'
import type { Child, PhotoMeta } from './records.ts'

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
}

export async function loadAlertFacts(db: ConsentLensDb): Promise<AlertFacts> {
  return db.transaction('r', [db.photos, db.audit, db.device, db.children], async () => {
    const deviceId = (await db.device.toCollection().first())?.id ?? ''
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
    return { unsent, flagged, quarantined, chain, children }
  })
}
