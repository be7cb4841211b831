/**
 * When a consent record or an injury of a child reaches the server, its photos are looked at
 * again:
 * - a photo taken at or after the record's time is re-checked by the policy engine and
 *   quarantined if it now fails (say a withdrawal made offline on another iPad before it);
 * - docs/RULES.md "After capture": a withdrawal flags every photo of that child used for that
 *   purpose for removal, on the server and, through `photoStatus`, on every device.
 *
 * Invariants: a quarantine or a flag is only ever added here, never lifted; deleted photos are
 * left alone; flags are keyed by child and purposes, so a repeated withdrawal adds nothing.
 */
import type { ConsentWire } from '../../protocol/index.ts'
import type { ChangeContext } from './changeContext.ts'
import { checkPhoto } from './checkPhoto.ts'
import { flagsOf, metaOf, photosOfChild, updatePhotoStatus, withFlag } from './photoRows.ts'

export async function reviewChildPhotos(
  ctx: ChangeContext,
  childId: string,
  since: string,
  withdrawal: ConsentWire | null,
): Promise<void> {
  const settingId = ctx.device.settingId
  const photos = await photosOfChild(ctx.trx, settingId, childId)
  if (photos.length === 0) return
  const sinceMs = Date.parse(since)
  const data = await ctx.policyData(ctx.trx, settingId)
  const devices = await ctx.trx
    .selectFrom('devices')
    .select(['id', 'revoked_at'])
    .where('setting_id', '=', settingId)
    .execute()
  for (const row of photos) {
    const meta = metaOf(row)
    if (meta.deleted !== null || row.quarantined_at !== null) continue
    if (Date.parse(meta.takenAt) >= sinceMs) {
      const device = devices.find((d) => d.id === row.device_id)
      const check = checkPhoto(meta, data, {
        id: row.device_id,
        revokedAt: device?.revoked_at ?? null,
      })
      if (check.quarantined) {
        await updatePhotoStatus(
          ctx.trx,
          row,
          {
            quarantined_at: ctx.now,
            quarantine_rules: JSON.stringify(check.rules),
            quarantine_message: check.message,
          },
          ctx.now,
        )
        continue
      }
    }
    if (withdrawal !== null && meta.purposes.includes(withdrawal.purpose)) {
      const flag = { at: withdrawal.recordedAt, childId, purposes: [withdrawal.purpose] }
      const before = flagsOf(row)
      const after = withFlag(before, flag)
      if (after !== before) {
        await updatePhotoStatus(ctx.trx, row, { flags: JSON.stringify(after) }, ctx.now)
      }
    }
  }
}
