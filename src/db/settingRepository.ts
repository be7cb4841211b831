/**
 * The setting's preferences on this tablet. Only the manager changes them (`edit-settings`),
 * each change with its audit event. They stay on this tablet: the idle lock suits the room
 * the tablet lives in.
 */
import type { Iso } from '../policy/index.ts'
import { appendAudit } from './auditLog.ts'
import { authorise, type ActorRef } from './authorise.ts'
import type { ConsentLensDb } from './ConsentLensDb.ts'
import { fail, ok, type Result } from './result.ts'

export const IDLE_LOCK_RANGE = { min: 1, max: 60 } as const

export type SettingErrorCode = 'not-permitted' | 'out-of-range' | 'no-setting'

export async function setIdleLockMinutes(
  db: ConsentLensDb,
  minutes: number,
  actor: ActorRef,
  now: Iso,
): Promise<Result<number, SettingErrorCode>> {
  const { min, max } = IDLE_LOCK_RANGE
  if (!Number.isInteger(minutes) || minutes < min || minutes > max) {
    return fail('out-of-range', `Choose a whole number of minutes from ${min} to ${max}.`)
  }
  return db.transaction('rw', [db.setting, db.staff, db.audit, db.device], async () => {
    const allowed = await authorise(db, actor, 'edit-settings')
    if (!allowed.ok) return allowed
    const setting = await db.setting.toCollection().first()
    if (setting === undefined) return fail('no-setting', 'This tablet has no setting yet.')
    await db.setting.put({ ...setting, idleLockMinutes: minutes })
    const details = { idleLockMinutes: minutes, was: setting.idleLockMinutes }
    await appendAudit(db, { at: now, staffId: actor.id, type: 'settings-changed', details })
    return ok(minutes)
  })
}
