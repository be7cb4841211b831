/**
 * Manager-only operations (enrolment codes, revoking a device, the quarantine list) carry the
 * acting manager's staff id and PIN, on top of the device's credential. The server checks
 * both against its own data: the staff record of the device's setting (active, role manager)
 * and the PIN verifier it holds. See docs/decisions/0006-manager-operations-on-the-server.md.
 *
 * Invariants:
 * - Five wrong PINs lock that person out here for 5 minutes, doubling each time, like on the
 *   tablets; while locked, the PIN is not even checked.
 * - The answer never says whether the id or the PIN was wrong.
 */
import type { ManagerAuth } from '../../protocol/index.ts'
import { StaffPinWireSchema, StaffWireSchema } from '../../protocol/index.ts'
import { getEntity } from '../storage/entities.ts'
import type { SyncServices } from '../services.ts'
import type { AuthenticatedDevice } from './deviceAuth.ts'
import { pinMatchesVerifier } from './pinVerifier.ts'

const MAX_WRONG = 5
const FIRST_LOCKOUT_MS = 5 * 60_000

export type ManagerCheck =
  | { ok: true; staffId: string }
  | { ok: false; error: { code: 'forbidden' | 'locked'; message: string } }

const DENIED: ManagerCheck = {
  ok: false,
  error: {
    code: 'forbidden',
    message: 'Only the manager can do this, with their own PIN. Check the PIN and try again.',
  },
}

export async function checkManager(
  services: SyncServices,
  device: AuthenticatedDevice,
  auth: ManagerAuth,
): Promise<ManagerCheck> {
  const { db } = services
  const settingId = device.settingId
  const staff = StaffWireSchema.safeParse(await getEntity(db, settingId, 'staff', auth.staffId))
  const pin = StaffPinWireSchema.safeParse(await getEntity(db, settingId, 'staffPin', auth.staffId))
  if (!staff.success || !staff.data.active || staff.data.role !== 'manager' || !pin.success) {
    return DENIED
  }
  const now = services.now()
  const lockout = await db
    .selectFrom('staff_lockouts')
    .selectAll()
    .where('setting_id', '=', settingId)
    .where('staff_id', '=', auth.staffId)
    .executeTakeFirst()
  const state = lockout ?? { failed_attempts: 0, locked_until: null, lockouts: 0 }
  if (state.locked_until !== null && now.getTime() < Date.parse(state.locked_until)) {
    const minutes = Math.ceil((Date.parse(state.locked_until) - now.getTime()) / 60_000)
    return {
      ok: false,
      error: {
        code: 'locked',
        message: `Too many wrong PINs. Try again in ${minutes === 1 ? '1 minute' : `${String(minutes)} minutes`}.`,
      },
    }
  }
  const matches = await pinMatchesVerifier(auth.pin, pin.data.pin)
  const next = matches
    ? { failed_attempts: 0, locked_until: null, lockouts: state.lockouts }
    : afterWrong(state, now.getTime())
  await db
    .insertInto('staff_lockouts')
    .values({ setting_id: settingId, staff_id: auth.staffId, ...next })
    .onConflict((oc) => oc.columns(['setting_id', 'staff_id']).doUpdateSet(next))
    .execute()
  if (!matches) return DENIED
  return { ok: true, staffId: auth.staffId }
}

function afterWrong(
  state: { failed_attempts: number; lockouts: number },
  nowMs: number,
): { failed_attempts: number; locked_until: string | null; lockouts: number } {
  const failed = state.failed_attempts + 1
  if (failed < MAX_WRONG) {
    return { failed_attempts: failed, locked_until: null, lockouts: state.lockouts }
  }
  const until = nowMs + FIRST_LOCKOUT_MS * 2 ** Math.min(state.lockouts, 20)
  return {
    failed_attempts: 0,
    locked_until: new Date(until).toISOString(),
    lockouts: state.lockouts + 1,
  }
}
