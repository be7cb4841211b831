/**
 * The manager's quarantine review: each quarantined photo is erased, or checked again
 * by the policy engine against the server's records as they stand now (a consent recorded late
 * on the server, though signed before the photo was taken). There is no "release anyway": only
 * the engine's own new verdict lifts a quarantine.
 *
 * Invariants:
 * - A re-check uses the photo's own capture moment, device and people, as at arrival
 *   (ingest/checkPhoto.ts), and the consent records known then, plus one kind more: a grant
 *   recorded after the photo whose form was signed on or before the photo's day (the paper was
 *   there; the server's data was behind). It counts as if recorded when the photo was taken.
 *   Nothing else recorded later counts: a later withdrawal flags the photo, it does not lift
 *   or cause a quarantine.
 * - Every erasure and every re-check is audited (`photo-erased` with cause `quarantine`,
 *   `photo-rechecked` with its outcome); a lifted quarantine reaches every tablet (photoStatus).
 */
import type { Kysely } from 'kysely'
import type { AuthenticatedDevice } from '../auth/deviceAuth.ts'
import { checkPhoto } from '../ingest/checkPhoto.ts'
import { metaOf, updatePhotoStatus, type PhotoRow } from '../ingest/photoRows.ts'
import type { PolicyData } from '../ingest/policyData.ts'
import { ConsentWireSchema } from '../../protocol/index.ts'
import { listEntities } from '../storage/entities.ts'
import { appendServerAudit } from '../serverAudit.ts'
import type { Database } from '../storage/schema.ts'

export async function quarantinedRows(
  db: Kysely<Database>,
  settingId: string,
): Promise<PhotoRow[]> {
  return db
    .selectFrom('photos')
    .selectAll()
    .where('setting_id', '=', settingId)
    .where('quarantined_at', 'is not', null)
    .where('erased_at', 'is', null)
    .orderBy('taken_at')
    .execute()
}

export type RecheckOutcome =
  { released: true } | { released: false; rules: string[]; message: string }

export async function recheckQuarantine(
  db: Kysely<Database>,
  data: PolicyData,
  actor: { device: AuthenticatedDevice; staffId: string },
  row: PhotoRow,
  now: string,
): Promise<RecheckOutcome> {
  const device = await db
    .selectFrom('devices')
    .select('revoked_at')
    .where('setting_id', '=', row.setting_id)
    .where('id', '=', row.device_id)
    .executeTakeFirst()
  const asSigned = await dataAsSigned(db, row, data)
  const check = checkPhoto(metaOf(row), asSigned, {
    id: row.device_id,
    revokedAt: device?.revoked_at ?? null,
  })
  return db.transaction().execute(async (trx) => {
    const base = { settingId: row.setting_id, at: now, deviceId: actor.device.id }
    const details = { photoId: row.id, before: JSON.parse(row.quarantine_rules ?? '[]') as unknown }
    if (check.quarantined) {
      await appendServerAudit(trx, {
        ...base,
        staffId: actor.staffId,
        type: 'photo-rechecked',
        details: { ...details, outcome: 'still-quarantined', rules: check.rules },
      })
      return { released: false, rules: check.rules, message: check.message }
    }
    await updatePhotoStatus(
      trx,
      row,
      { quarantined_at: null, quarantine_rules: null, quarantine_message: null },
      now,
    )
    await appendServerAudit(trx, {
      ...base,
      staffId: actor.staffId,
      type: 'photo-rechecked',
      details: { ...details, outcome: 'released-by-policy' },
    })
    return { released: true }
  })
}

/** The records known at the photo's moment, plus grants signed by then but recorded late. */
async function dataAsSigned(
  db: Kysely<Database>,
  row: PhotoRow,
  data: PolicyData,
): Promise<PolicyData> {
  const takenMs = Date.parse(row.taken_at)
  const day = row.taken_at.slice(0, 10)
  const wires = (await listEntities(db, row.setting_id, 'consent')).map((c) =>
    ConsentWireSchema.parse(c),
  )
  const signedInTime = new Set(
    wires
      .filter((c) => c.status === 'granted' && c.signedOn !== undefined && c.signedOn <= day)
      .map((c) => c.id),
  )
  const consents = data.consents.flatMap((c) => {
    if (Date.parse(c.recordedAt) <= takenMs) return [c]
    return signedInTime.has(c.id) ? [{ ...c, recordedAt: row.taken_at }] : []
  })
  return { ...data, consents, consentTimes: consents.map(() => takenMs) }
}
