/**
 * Enrolment codes and devices: a manager's one-time code, valid 15 minutes, is exchanged once
 * for a device and its random credential.
 *
 * Invariants:
 * - Only hashes of codes and credentials are stored.
 * - A code is used at most once: it is marked used by a conditional update in the same
 *   transaction that creates the device, so two devices racing with one code get one device.
 */
import type { Kysely } from 'kysely'
import { ENROLMENT_CODE_MINUTES } from '../../protocol/index.ts'
import { hashCode, newCredential, newEnrolmentCode } from '../auth/secrets.ts'
import { appendServerAudit } from '../serverAudit.ts'
import type { Database } from '../storage/schema.ts'

export async function createEnrolmentCode(
  db: Kysely<Database>,
  settingId: string,
  createdBy: string,
  now: Date,
): Promise<{ code: string; expiresAt: string }> {
  const { code, hash } = newEnrolmentCode()
  const expiresAt = new Date(now.getTime() + ENROLMENT_CODE_MINUTES * 60_000).toISOString()
  await db
    .insertInto('enrolment_codes')
    .values({
      code_hash: hash,
      setting_id: settingId,
      created_by: createdBy,
      created_at: now.toISOString(),
      expires_at: expiresAt,
      used_at: null,
      used_by_device: null,
    })
    .execute()
  return { code, expiresAt }
}

export type Enrolment =
  | { ok: true; deviceId: string; settingId: string; settingName: string; credential: string }
  | { ok: false }

export async function enrolDevice(
  db: Kysely<Database>,
  code: string,
  deviceName: string,
  now: Date,
): Promise<Enrolment> {
  const at = now.toISOString()
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('enrolment_codes')
      .innerJoin('settings', 'settings.id', 'enrolment_codes.setting_id')
      .select(['enrolment_codes.setting_id', 'enrolment_codes.expires_at', 'settings.name'])
      .where('code_hash', '=', hashCode(code))
      .where('used_at', 'is', null)
      .executeTakeFirst()
    if (row === undefined || Date.parse(row.expires_at) <= now.getTime()) return { ok: false }
    const deviceId = globalThis.crypto.randomUUID()
    const used = await trx
      .updateTable('enrolment_codes')
      .set({ used_at: at, used_by_device: deviceId })
      .where('code_hash', '=', hashCode(code))
      .where('used_at', 'is', null)
      .executeTakeFirst()
    if (used.numUpdatedRows !== 1n) return { ok: false }
    const { credential, hash } = newCredential(deviceId)
    await trx
      .insertInto('devices')
      .values({
        id: deviceId,
        setting_id: row.setting_id,
        name: deviceName,
        credential_hash: hash,
        enrolled_at: at,
        revoked_at: null,
        revoked_by: null,
        last_seen_at: at,
      })
      .execute()
    await appendServerAudit(trx, {
      settingId: row.setting_id,
      at,
      deviceId,
      staffId: null,
      type: 'device-enrolled',
      details: { name: deviceName },
    })
    return { ok: true, deviceId, settingId: row.setting_id, settingName: row.name, credential }
  })
}

/** Revokes a device of the setting; false if the setting has no such device. */
export async function revokeDevice(
  db: Kysely<Database>,
  settingId: string,
  deviceId: string,
  by: string,
  now: Date,
): Promise<boolean> {
  const at = now.toISOString()
  const result = await db
    .updateTable('devices')
    .set({ revoked_at: at, revoked_by: by })
    .where('setting_id', '=', settingId)
    .where('id', '=', deviceId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  const exists = await db
    .selectFrom('devices')
    .select('id')
    .where('setting_id', '=', settingId)
    .where('id', '=', deviceId)
    .executeTakeFirst()
  if (result.numUpdatedRows === 1n) {
    await appendServerAudit(db, {
      settingId,
      at,
      deviceId,
      staffId: by,
      type: 'device-revoked',
      details: {},
    })
  }
  return exists !== undefined
}
