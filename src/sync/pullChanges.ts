/**
 * Pulls every change after the device's cursor, page by page, applying each page before
 * saving the cursor that covers it. When the last page is in, the device's consent data is as
 * fresh as the server's: `consentDataSyncedAt` (the policy's staleness rule) becomes now, and
 * the setting's server-side facts for the manager's alerts are kept on the device row.
 */
import type { ConsentLensDb } from '../db/index.ts'
import type { Iso } from '../policy/index.ts'
import type { SyncConfig } from '../protocol/index.ts'
import { applyPulled } from './applyPulled.ts'
import type { SyncApi, SyncError } from './syncApi.ts'
import type { Enrolment, SyncStateDb } from './syncStateDb.ts'

export type PullOutcome =
  { ok: true; value: { applied: number; config: SyncConfig } } | { ok: false; error: SyncError }

export async function pullChanges(
  db: ConsentLensDb,
  state: SyncStateDb,
  api: SyncApi,
  enrolment: Enrolment,
  now: () => Iso,
): Promise<PullOutcome> {
  let cursor = enrolment.cursor
  let applied = 0
  for (;;) {
    const answer = await api.pull(enrolment.settingId, cursor)
    if (!answer.ok) return answer
    const page = answer.value
    await applyPulled(db, page.changes, now())
    applied += page.changes.length
    cursor = page.cursor
    await state.state.update('enrolment', {
      cursor,
      thumbnailRetentionHours: page.config.thumbnailRetentionHours,
    })
    if (!page.more) {
      const facts = page.facts === undefined ? {} : { serverFacts: page.facts }
      await db.device.update(enrolment.deviceId, { consentDataSyncedAt: now(), ...facts })
      return { ok: true, value: { applied, config: page.config } }
    }
  }
}
