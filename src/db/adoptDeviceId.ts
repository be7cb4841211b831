/**
 * A tablet's first enrolment into the demo setting it already holds: what it did before, as
 * the local demo (device DEMO_DEVICE_ID, or no device row at all), becomes the work of the id
 * the server just gave it, so its whole history reaches the server as its own
 * (docs/decisions/0015-the-demo-tablets-history-moves-with-it.md):
 *
 * - its audit events are sealed again, in the same order and with the same content, as one
 *   chain of the new id from event 1 (the hash covers the device id, so they must be);
 * - its photos name the new id. Their details waiting in the outbox are NOT rewritten: each
 *   carries its taker's proof over the payload as signed (decision 0016), which nobody at
 *   enrolment can sign again (the seed exists only in the taker's session). The server's demo
 *   setting takes a photo naming the demo's device id as the sending tablet's own
 *   (src/server/ingest/applyPhoto.ts), so it is not quarantined as "device not enrolled".
 *
 * Invariants:
 * - Runs inside the enrolment's transaction (tables: audit, photos, outbox), before anything
 *   of the new id exists, so nothing of the old chain was ever sent to any server: this is
 *   the only time an audit event is rewritten, and nothing in it changes but its device id,
 *   its seq when two pre-enrolment chains are joined, and its seal.
 * - Events of any other id (a server's, sent already) are never touched.
 */
import { GENESIS_HASH, sealEvent } from '../audit/hashChain.ts'
import type { AuditEvent } from './auditLog.ts'
import { UNENROLLED_DEVICE_ID } from './auditLog.ts'
import type { ConsentLensDb } from './ConsentLensDb.ts'
import { DEMO_DEVICE_ID } from '../demo/demoRoster.ts'
import { assertInTransaction } from './transaction.ts'

/** The ids a tablet's work carries before its first enrolment, oldest chain first. */
export const PRE_ENROLMENT_IDS = [UNENROLLED_DEVICE_ID, DEMO_DEVICE_ID] as const

async function eventsOf(db: ConsentLensDb, deviceId: string): Promise<AuditEvent[]> {
  return db.audit.where('[deviceId+seq]').between([deviceId, 0], [deviceId, Infinity]).toArray()
}

export async function adoptDeviceId(db: ConsentLensDb, newId: string): Promise<void> {
  assertInTransaction(db, ['audit', 'photos', 'outbox'])
  const old: AuditEvent[] = []
  for (const id of PRE_ENROLMENT_IDS) if (id !== newId) old.push(...(await eventsOf(db, id)))
  if ((await eventsOf(db, newId)).length > 0 && old.length > 0)
    throw new Error(`Device ${newId} already has audit events: its history cannot be joined`)
  let prevHash = GENESIS_HASH
  const resealed = old.map((event, i) => {
    const { prevHash: _, hash: __, ...content } = event
    const sealed: AuditEvent = sealEvent({ ...content, deviceId: newId, seq: i + 1 }, prevHash)
    prevHash = sealed.hash
    return sealed
  })
  await db.audit.bulkPut(resealed)
  const fromIds = new Set<string>(PRE_ENROLMENT_IDS)
  await db.photos.toCollection().modify((photo) => {
    if (fromIds.has(photo.deviceId)) photo.deviceId = newId
  })
}
