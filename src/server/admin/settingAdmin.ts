/**
 * The admin command's database operations on settings and people: create a real setting with
 * its first manager, reset a person's PIN, list the settings. Each returns a value (an
 * expected failure is `{ ok: false }` in words); the caller prints it.
 *
 * Invariants:
 * - A one-time PIN is made here from the system's CSPRNG, stored only as its verifier (the
 *   staffPin record every tablet pulls, marked `mustChange`: the tablet makes its owner choose
 *   their own at the first sign-in) and returned once to the admin command, which prints it to
 *   its own stdout; it is never logged or audited.
 * - Every write is recorded in the server's audit (who: `admin-command`).
 * - A new setting is never a demo (`is_demo` 0), and its ids are random: nothing of the demo's
 *   fixed ids can mix into it.
 */
import { randomInt } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { SettingWire, StaffPinWire, StaffWire } from '../../protocol/index.ts'
import { hashPinForDevices } from '../auth/pinVerifier.ts'
import { appendServerAudit } from '../serverAudit.ts'
import { putEntity } from '../storage/entities.ts'
import type { Database } from '../storage/schema.ts'

export const ADMIN_ACTOR = 'admin-command'
export const ONE_TIME_PIN_DIGITS = 6

export type AdminResult<T> = { ok: true; value: T } | { ok: false; error: AdminError }
export interface AdminError {
  code: 'not_found' | 'ambiguous' | 'invalid' | 'not_empty' | 'damaged' | 'failed'
  message: string
  /** For a damaged backup: each file that is wrong, and how. */
  problems?: string[]
}

export interface AdminContext {
  db: Kysely<Database>
  now: () => Date
  /** PBKDF2 iterations of a new PIN verifier; tests pass a small number. */
  pinIterations?: number
}

export function oneTimePin(): string {
  let pin = ''
  for (let i = 0; i < ONE_TIME_PIN_DIGITS; i++) pin += String(randomInt(10))
  return pin
}

async function pinRecord(ctx: AdminContext, staffId: string, pin: string): Promise<StaffPinWire> {
  const verifier =
    ctx.pinIterations === undefined
      ? await hashPinForDevices(pin)
      : await hashPinForDevices(pin, ctx.pinIterations)
  // mustChange: the person chooses their own PIN at their first sign-in on a tablet.
  return { id: staffId, pin: verifier, mustChange: true }
}

export interface CreatedSetting {
  settingId: string
  settingName: string
  managerId: string
  managerName: string
  oneTimePin: string
}

export async function createSetting(
  ctx: AdminContext,
  input: { name: string; manager: string },
): Promise<AdminResult<CreatedSetting>> {
  const name = input.name.trim()
  const managerName = input.manager.trim()
  if (name === '' || name.length > 200) {
    return invalid('Give the setting a name of 1 to 200 characters: --name "<your setting>".')
  }
  if (managerName === '' || managerName.length > 200) {
    return invalid('Give the manager’s full name (1 to 200 characters): --manager "<full name>".')
  }
  const at = ctx.now().toISOString()
  const settingId = globalThis.crypto.randomUUID()
  const managerId = globalThis.crypto.randomUUID()
  const pin = oneTimePin()
  const setting: SettingWire = {
    id: settingId,
    name,
    isDemo: false,
    idleLockMinutes: 5,
    defaultPurposes: ['learning_journey'],
  }
  const manager: StaffWire = {
    id: managerId,
    name: managerName,
    role: 'manager',
    canCapture: true,
    roomId: null,
    active: true,
  }
  const pinWire = await pinRecord(ctx, managerId, pin)
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('settings')
      .values({ id: settingId, name, is_demo: 0, last_seq: 0, created_at: at })
      .execute()
    await putEntity(trx, settingId, 'setting', settingId, setting, at)
    await putEntity(trx, settingId, 'staff', managerId, manager, at)
    await putEntity(trx, settingId, 'staffPin', managerId, pinWire, at)
    await appendServerAudit(trx, {
      settingId,
      at,
      deviceId: null,
      staffId: null,
      type: 'setting-created',
      details: { by: ADMIN_ACTOR, name, managerId, managerName },
    })
  })
  return {
    ok: true,
    value: { settingId, settingName: name, managerId, managerName, oneTimePin: pin },
  }
}

export interface PinReset {
  settingId: string
  staffId: string
  staffName: string
  oneTimePin: string
}

export async function resetPin(
  ctx: AdminContext,
  input: { staffId: string; settingId?: string | undefined },
): Promise<AdminResult<PinReset>> {
  let query = ctx.db
    .selectFrom('entities')
    .select(['setting_id', 'payload'])
    .where('kind', '=', 'staff')
    .where('id', '=', input.staffId)
  if (input.settingId !== undefined) query = query.where('setting_id', '=', input.settingId)
  const rows = await query.execute()
  const row = rows[0]
  if (row === undefined) {
    return fail(
      'not_found',
      `No member of staff has the id ${input.staffId}. The command “settings” lists every setting’s staff with their ids.`,
    )
  }
  if (rows.length > 1) {
    return fail(
      'ambiguous',
      `The id ${input.staffId} is in ${rows.length} settings; add --setting <id> to say which.`,
    )
  }
  const staff = JSON.parse(row.payload) as StaffWire
  const at = ctx.now().toISOString()
  const pin = oneTimePin()
  const pinWire = await pinRecord(ctx, input.staffId, pin)
  await ctx.db.transaction().execute(async (trx) => {
    await putEntity(trx, row.setting_id, 'staffPin', input.staffId, pinWire, at)
    // A reset also lifts a lockout: the person is about to sign in with the new PIN.
    await trx
      .deleteFrom('staff_lockouts')
      .where('setting_id', '=', row.setting_id)
      .where('staff_id', '=', input.staffId)
      .execute()
    await appendServerAudit(trx, {
      settingId: row.setting_id,
      at,
      deviceId: null,
      staffId: input.staffId,
      type: 'staff-pin-reset',
      details: { by: ADMIN_ACTOR },
    })
  })
  return {
    ok: true,
    value: {
      settingId: row.setting_id,
      staffId: input.staffId,
      staffName: staff.name,
      oneTimePin: pin,
    },
  }
}

/**
 * A room of the setting. Tablets cannot add rooms yet (rooms do not travel in a push), and the
 * roster import needs the room each child is in: until they can, rooms are added here and
 * reach every tablet at its next sync.
 */
export async function addRoom(
  ctx: AdminContext,
  input: { settingId: string; name: string; ages?: string | undefined },
): Promise<AdminResult<{ settingId: string; roomId: string; name: string; ageRange: string }>> {
  const name = input.name.trim()
  const ageRange = (input.ages ?? '').trim()
  if (name === '' || name.length > 200) {
    return invalid('Give the room a name of 1 to 200 characters: --name "<room>".')
  }
  if (ageRange.length > 200) return invalid('Say the ages in at most 200 characters: --ages.')
  if (!(await settingExists(ctx, input.settingId))) {
    return fail(
      'not_found',
      `There is no setting with the id ${input.settingId}. The command “settings” lists them.`,
    )
  }
  const rooms = await ctx.db
    .selectFrom('entities')
    .select('payload')
    .where('setting_id', '=', input.settingId)
    .where('kind', '=', 'room')
    .execute()
  const taken = rooms.some(
    (r) => (JSON.parse(r.payload) as { name: string }).name.toLowerCase() === name.toLowerCase(),
  )
  if (taken) return invalid(`The setting already has a room called “${name}”.`)
  const at = ctx.now().toISOString()
  const roomId = globalThis.crypto.randomUUID()
  await ctx.db.transaction().execute(async (trx) => {
    await putEntity(trx, input.settingId, 'room', roomId, { id: roomId, name, ageRange }, at)
    await appendServerAudit(trx, {
      settingId: input.settingId,
      at,
      deviceId: null,
      staffId: null,
      type: 'room-added',
      details: { by: ADMIN_ACTOR, roomId, name },
    })
  })
  return { ok: true, value: { settingId: input.settingId, roomId, name, ageRange } }
}

export interface SettingSummary {
  id: string
  name: string
  isDemo: boolean
  createdAt: string
  staff: { id: string; name: string; role: string; active: boolean }[]
  activeDevices: number
}

export async function listSettings(ctx: AdminContext): Promise<SettingSummary[]> {
  const settings = await ctx.db.selectFrom('settings').selectAll().orderBy('created_at').execute()
  const result: SettingSummary[] = []
  for (const s of settings) {
    const staffRows = await ctx.db
      .selectFrom('entities')
      .select('payload')
      .where('setting_id', '=', s.id)
      .where('kind', '=', 'staff')
      .execute()
    const devices = await ctx.db
      .selectFrom('devices')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('setting_id', '=', s.id)
      .where('revoked_at', 'is', null)
      .executeTakeFirstOrThrow()
    result.push({
      id: s.id,
      name: s.name,
      isDemo: s.is_demo === 1,
      createdAt: s.created_at,
      staff: staffRows
        .map((r) => JSON.parse(r.payload) as StaffWire)
        .map((p) => ({ id: p.id, name: p.name, role: p.role, active: p.active }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      activeDevices: Number(devices.n),
    })
  }
  return result
}

export async function settingExists(ctx: AdminContext, settingId: string): Promise<boolean> {
  const row = await ctx.db
    .selectFrom('settings')
    .select('id')
    .where('id', '=', settingId)
    .executeTakeFirst()
  return row !== undefined
}

export function fail<T>(code: AdminError['code'], message: string): AdminResult<T> {
  return { ok: false, error: { code, message } }
}

function invalid<T>(message: string): AdminResult<T> {
  return fail('invalid', message)
}
