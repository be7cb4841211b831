/**
 * Enrols this iPad with the setting's server: exchanges the manager's one-time code for the
 * device credential, then records the enrolment on the device. The next sync pulls the
 * setting's roster, consent records and staff.
 *
 * Invariants:
 * - Records of another setting never mix with the new one: if the device holds another
 *   setting's data it must have nothing left to send, and that data is cleared first.
 * - The device's id becomes the server's id for it, so photos name a device the server knows.
 */
import type { ConsentLensDb } from '../db/index.ts'
import type { Iso } from '../policy/index.ts'
import { enrolRequest, type Fetch, type SyncError } from './syncApi.ts'
import { openSyncState } from './syncStateDb.ts'

const PERSONAL_TABLES = [
  'setting',
  'rooms',
  'locations',
  'children',
  'consents',
  'injuries',
  'staff',
  'photos',
  'photoImages',
] as const

export type EnrolResult = { ok: true; settingName: string } | { ok: false; error: SyncError }

export async function enrolDevice(
  db: ConsentLensDb,
  input: { serverUrl: string; code: string; deviceName?: string; fetch?: Fetch; now: Iso },
): Promise<EnrolResult> {
  const answer = await enrolRequest(
    input.serverUrl,
    input.code,
    input.deviceName ?? 'iPad',
    input.fetch ?? globalThis.fetch,
  )
  if (!answer.ok) return answer
  const { deviceId, settingId, settingName, credential } = answer.value
  const otherSetting = (await db.setting.toArray()).some((s) => s.id !== settingId)
  if (
    otherSetting &&
    ((await db.outbox.count()) > 0 ||
      (await db.photos.where('syncState').notEqual('sent').count()) > 0)
  ) {
    const message =
      'This iPad still has photos or records of another setting that were never sent. Send them first.'
    return { ok: false, error: { code: 'other_setting_unsent', message, status: null } }
  }
  await db.transaction('rw', [...PERSONAL_TABLES, 'device'], async () => {
    if (otherSetting) await Promise.all(PERSONAL_TABLES.map((t) => db.table(t).clear()))
    await db.device.clear()
    await db.device.add({
      id: deviceId,
      settingId,
      enrolled: true,
      revoked: false,
      enrolledAt: input.now,
      consentDataSyncedAt: null,
    })
  })
  const state = openSyncState(db.name)
  await state.state.put({
    key: 'enrolment',
    serverUrl: input.serverUrl,
    deviceId,
    settingId,
    credential,
    cursor: 0,
    thumbnailRetentionHours: null,
  })
  state.close()
  return { ok: true, settingName }
}
