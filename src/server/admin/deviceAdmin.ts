/**
 * The admin command's operations on tablets: a fresh enrolment code for a setting, the list of
 * its tablets, revoking one. The same functions the manager's routes use, so a code made here
 * or on the Tablets screen is the same kind of code, audited the same way.
 */
import type { DeviceSummary } from '../../protocol/index.ts'
import { listDevices } from '../devices/deviceOverview.ts'
import { createEnrolmentCode, revokeDevice } from '../devices/enrolment.ts'
import { appendServerAudit } from '../serverAudit.ts'
import {
  ADMIN_ACTOR,
  fail,
  settingExists,
  type AdminContext,
  type AdminResult,
} from './settingAdmin.ts'

export const NO_SETTING = (id: string) =>
  `There is no setting with the id ${id}. The command “settings” lists them.`

export async function adminEnrolmentCode(
  ctx: AdminContext,
  settingId: string,
): Promise<AdminResult<{ settingId: string; code: string; expiresAt: string }>> {
  if (!(await settingExists(ctx, settingId))) return fail('not_found', NO_SETTING(settingId))
  const now = ctx.now()
  const code = await createEnrolmentCode(ctx.db, settingId, ADMIN_ACTOR, now)
  await appendServerAudit(ctx.db, {
    settingId,
    at: now.toISOString(),
    deviceId: null,
    staffId: null,
    type: 'enrolment-code-created',
    details: { by: ADMIN_ACTOR, expiresAt: code.expiresAt },
  })
  return { ok: true, value: { settingId, ...code } }
}

export async function adminDevices(
  ctx: AdminContext,
  settingId: string,
): Promise<AdminResult<{ settingId: string; devices: DeviceSummary[] }>> {
  if (!(await settingExists(ctx, settingId))) return fail('not_found', NO_SETTING(settingId))
  return { ok: true, value: { settingId, devices: await listDevices(ctx.db, settingId) } }
}

export async function adminRevoke(
  ctx: AdminContext,
  deviceId: string,
): Promise<
  AdminResult<{ deviceId: string; name: string; settingId: string; alreadyRevoked: boolean }>
> {
  const row = await ctx.db
    .selectFrom('devices')
    .select(['setting_id', 'name', 'revoked_at'])
    .where('id', '=', deviceId)
    .executeTakeFirst()
  if (row === undefined) {
    return fail(
      'not_found',
      `There is no tablet with the id ${deviceId}. The command “devices --setting <id>” lists them.`,
    )
  }
  await revokeDevice(ctx.db, row.setting_id, deviceId, ADMIN_ACTOR, ctx.now())
  return {
    ok: true,
    value: {
      deviceId,
      name: row.name,
      settingId: row.setting_id,
      alreadyRevoked: row.revoked_at !== null,
    },
  }
}
