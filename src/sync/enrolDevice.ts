/**
 * Enrols this iPad with the setting's server: exchanges the manager's one-time code for the
 * device credential, then records the enrolment on the device. The next sync pulls the
 * setting's roster, consent records and staff.
 *
 * Invariants:
 * - Records of another setting never mix with the new one: if the device holds another real
 *   setting's data it must have nothing left to send, and that data is cleared first.
 * - The local demo (sample data, `isDemo`) gives way to a real setting: its children, records,
 *   photos, outbox and audit trail are cleared, so nothing of the demo ever reaches a real
 *   server. Enrolling into the server's demo setting (the same fixed ids) keeps it all, and
 *   what was done in the demo is then sent there (docs/decisions/0009-enrolling-a-tablet.md).
 * - The device's id becomes the server's id for it, so photos name a device the server knows.
 *   Kept data (the same setting) moves to that id, the audit chain re-sealed from event 1, so
 *   the server gets the tablet's whole history unbroken (db/adoptDeviceId.ts, decision 0015).
 */
import { adoptDeviceId, type ConsentLensDb } from '../db/index.ts'
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
  'refusals',
] as const

/** The demo's sample data goes entirely, its outbox and audit trail included. */
const DEMO_TABLES = [...PERSONAL_TABLES, 'outbox', 'audit'] as const

/**
 * What enrolling into `settingId` does to the data already here: keep it (same setting, or
 * nothing here), clear the demo, clear another setting whose data was all sent, or refuse.
 */
async function replacedData(
  db: ConsentLensDb,
  settingId: string,
): Promise<'keep' | 'demo' | 'other' | 'unsent'> {
  // The device row names its setting even before that setting's own record has arrived.
  const demo = new Map((await db.setting.toArray()).map((s) => [s.id, s.isDemo]))
  for (const device of await db.device.toArray())
    demo.set(device.settingId, demo.get(device.settingId) ?? false)
  const others = [...demo].filter(([id]) => id !== settingId)
  if (others.length === 0) return 'keep'
  if (others.every(([, isDemo]) => isDemo)) return 'demo'
  const unsent =
    (await db.outbox.count()) > 0 ||
    (await db.photos.where('syncState').notEqual('sent').count()) > 0
  return unsent ? 'unsent' : 'other'
}

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
  const replaced = await replacedData(db, settingId)
  if (replaced === 'unsent') {
    const message =
      'This iPad still has photos or records of another setting that were never sent. Send them first.'
    return { ok: false, error: { code: 'other_setting_unsent', message, status: null } }
  }
  const cleared = replaced === 'demo' ? DEMO_TABLES : replaced === 'other' ? PERSONAL_TABLES : []
  await db.transaction('rw', [...DEMO_TABLES, 'device'], async () => {
    await Promise.all(cleared.map((t) => db.table(t).clear()))
    // Into the demo setting it holds: what the demo did (photos, blocked attempts, the whole
    // audit chain) is this tablet's own history from now on, under the server's id for it.
    if (replaced === 'keep') await adoptDeviceId(db, deviceId)
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
