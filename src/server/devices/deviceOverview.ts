/**
 * A setting's tablets as the manager sees them (the Tablets screen and the admin command's
 * `devices`): name, enrolment, when the server last heard from it, its state, and its unsent
 * photos as the server knows them (photos whose record arrived but whose image has not yet:
 * photos the server has never heard of are on the tablet alone and cannot be counted here).
 * Renaming a tablet is here too; revoking is in enrolment.ts.
 *
 * Invariant: every query is limited to the one setting.
 */
import type { Kysely } from 'kysely'
import type { DeviceSummary } from '../../protocol/index.ts'
import { appendServerAudit } from '../serverAudit.ts'
import type { Database, DevicesTable } from '../storage/schema.ts'

export async function listDevices(
  db: Kysely<Database>,
  settingId: string,
): Promise<DeviceSummary[]> {
  const rows = await db
    .selectFrom('devices')
    .selectAll()
    .where('setting_id', '=', settingId)
    .orderBy('enrolled_at')
    .execute()
  const unsent = await db
    .selectFrom('photos')
    .select(['device_id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('setting_id', '=', settingId)
    .where('stored_at', 'is', null)
    .groupBy('device_id')
    .execute()
  const counts = new Map(unsent.map((u) => [u.device_id, Number(u.n)]))
  return rows.map((row) => deviceSummary(row, counts.get(row.id) ?? 0))
}

export async function deviceById(
  db: Kysely<Database>,
  settingId: string,
  deviceId: string,
): Promise<DeviceSummary | null> {
  const all = await listDevices(db, settingId)
  return all.find((d) => d.id === deviceId) ?? null
}

export function deviceSummary(row: DevicesTable, unsentPhotos: number): DeviceSummary {
  return {
    id: row.id,
    name: row.name,
    enrolledAt: row.enrolled_at,
    lastSeenAt: row.last_seen_at,
    revokedAt: row.revoked_at,
    unsentPhotos,
  }
}

/** Renames a tablet of the setting; false if the setting has no such tablet. Audited. */
export async function renameDevice(
  db: Kysely<Database>,
  settingId: string,
  deviceId: string,
  name: string,
  by: string,
  now: Date,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('devices')
      .select('name')
      .where('setting_id', '=', settingId)
      .where('id', '=', deviceId)
      .executeTakeFirst()
    if (before === undefined) return false
    await trx
      .updateTable('devices')
      .set({ name })
      .where('setting_id', '=', settingId)
      .where('id', '=', deviceId)
      .execute()
    await appendServerAudit(trx, {
      settingId,
      at: now.toISOString(),
      deviceId,
      staffId: by,
      type: 'device-renamed',
      details: { from: before.name, to: name },
    })
    return true
  })
}
