/**
 * The setting's facts that only the server knows, for the manager's alerts on every tablet
 * (protocol settingFacts.ts): tablets not heard from for a week, photos it quarantined, and
 * problems found in tablets' audit chains.
 *
 * Invariants: scoped by the setting; last contact is the server's own record
 * (devices.last_seen_at, or the enrolment for a tablet that never synced); the tablet asking
 * is heard from now, whether or not its last-seen note (written without waiting, on another
 * connection) has landed yet; revoked tablets are not "unseen", they are gone; deleted photos
 * are not counted.
 */
import type { Kysely } from 'kysely'
import { UNSEEN_DEVICE_DAYS, type SettingFacts } from '../../protocol/index.ts'
import type { Database } from '../storage/schema.ts'
import { metaOf } from '../ingest/photoRows.ts'

const DAY_MS = 86_400_000

export async function settingFacts(
  db: Kysely<Database>,
  settingId: string,
  now: Date,
  askingDeviceId: string,
): Promise<SettingFacts> {
  const devices = await db
    .selectFrom('devices')
    .select(['id', 'name', 'enrolled_at', 'last_seen_at', 'revoked_at'])
    .where('setting_id', '=', settingId)
    .orderBy('enrolled_at')
    .execute()
  const cutoff = now.getTime() - UNSEEN_DEVICE_DAYS * DAY_MS
  const unseenDevices = devices
    .filter((d) => d.revoked_at === null && d.id !== askingDeviceId)
    .map((d) => ({ deviceId: d.id, name: d.name, lastSeen: d.last_seen_at ?? d.enrolled_at }))
    .filter((d) => Date.parse(d.lastSeen) <= cutoff)
  const names = new Map(devices.map((d) => [d.id, d.name]))
  const problems = await db
    .selectFrom('audit_chain_problems')
    .selectAll()
    .where('setting_id', '=', settingId)
    .orderBy('detected_at')
    .orderBy('seq')
    .execute()
  const chainProblems = problems.map((p) => ({
    deviceId: p.device_id,
    name: names.get(p.device_id) ?? p.device_id,
    code: p.code,
    seq: p.seq,
    message: p.message,
    detectedAt: p.detected_at,
  }))
  return {
    asOf: now.toISOString(),
    unseenDevices,
    quarantinedPhotos: await quarantinedCount(db, settingId),
    chainProblems,
  }
}

async function quarantinedCount(db: Kysely<Database>, settingId: string): Promise<number> {
  const rows = await db
    .selectFrom('photos')
    .selectAll()
    .where('setting_id', '=', settingId)
    .where('quarantined_at', 'is not', null)
    .execute()
  return rows.filter((row) => metaOf(row).deleted === null).length
}
