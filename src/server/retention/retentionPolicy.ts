/**
 * The setting's retention per purpose (0011): what the manager set, or the documented defaults
 * (README "Retention and a parent's requests", decision 0018).
 *
 * Defaults, from the settings' own policies ("images will not be kept for longer than is
 * necessary", learning journeys are the child's and go home with them):
 * - learning journey: while the child attends, then 3 months after the leaving date (time to
 *   hand the journal over);
 * - displays: 12 months after the photo was taken (a display changes with the year);
 * - website, social media, publicity: until the parent's approval ends; 3 months to ask for
 *   one when none was recorded.
 *
 * Invariant: every change is audited with the policy before and after.
 */
import type { Kysely } from 'kysely'
import type { RetentionAnswer, RetentionPolicy } from '../../protocol/index.ts'
import { appendServerAudit } from '../serverAudit.ts'
import type { Database } from '../storage/schema.ts'

export const DEFAULT_RETENTION: RetentionPolicy = {
  journeyMonthsAfterLeaving: 3,
  displayMonths: 12,
  publicityMonthsWithoutApproval: 3,
}

export async function readRetention(
  db: Kysely<Database>,
  settingId: string,
): Promise<RetentionAnswer> {
  const row = await db
    .selectFrom('retention_policies')
    .selectAll()
    .where('setting_id', '=', settingId)
    .executeTakeFirst()
  const policy =
    row === undefined
      ? DEFAULT_RETENTION
      : {
          journeyMonthsAfterLeaving: row.journey_months_after_leaving,
          displayMonths: row.display_months,
          publicityMonthsWithoutApproval: row.publicity_months_without_approval,
        }
  return {
    ok: true,
    policy,
    defaults: DEFAULT_RETENTION,
    updatedBy: row?.updated_by ?? null,
    updatedAt: row?.updated_at ?? null,
  }
}

export async function saveRetention(
  db: Kysely<Database>,
  actor: { settingId: string; staffId: string; deviceId: string },
  policy: RetentionPolicy,
  now: string,
): Promise<RetentionAnswer> {
  await db.transaction().execute(async (trx) => {
    const before = (await readRetention(trx, actor.settingId)).policy
    const values = {
      journey_months_after_leaving: policy.journeyMonthsAfterLeaving,
      display_months: policy.displayMonths,
      publicity_months_without_approval: policy.publicityMonthsWithoutApproval,
      updated_by: actor.staffId,
      updated_at: now,
    }
    await trx
      .insertInto('retention_policies')
      .values({ setting_id: actor.settingId, ...values })
      .onConflict((oc) => oc.column('setting_id').doUpdateSet(values))
      .execute()
    await appendServerAudit(trx, {
      settingId: actor.settingId,
      at: now,
      deviceId: actor.deviceId,
      staffId: actor.staffId,
      type: 'retention-changed',
      details: { before, after: policy },
    })
  })
  return readRetention(db, actor.settingId)
}
