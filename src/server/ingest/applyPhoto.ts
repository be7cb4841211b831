/**
 * A photo's metadata arrives (before its image): checked by the policy engine against the
 * server's data at capture time and stored, quarantined if it fails, flagged if a withdrawal
 * recorded after it already concerns it.
 *
 * Invariants:
 * - One row per photo id per setting: the same photo pushed again updates only what a device
 *   may change later (its deletion, which erases it: library/erasePhoto.ts); a different image
 *   under the same id is refused; an erased photo stays erased.
 * - The quarantine decision is made once, when the photo first arrives, and after that only
 *   by reviewChildPhotos (when a record of one of its children arrives); it is lifted only by
 *   the policy engine's own re-check the manager asks for (library/quarantineReview.ts).
 * - Who took it is proven: the photographer (`staffId`) is the actor whose proof the change
 *   carries (proveActor.ts), so "taken by" on the server is verified, not the tablet's word.
 *   Whether they were authorised then is the policy engine's to judge (quarantine), since a
 *   photo taken offline may arrive after its taker lost their authorisation.
 * - A deletion is made once, by the proven actor, if they may delete photos; it is never
 *   undone by a later push. It erases the photo (library/erasePhoto.ts).
 * - A photo taken in a tablet's local demo names the demo's device id, and its details are
 *   signed as taken (the proof covers the payload, so the tablet cannot rename it at
 *   enrolment). Only in the server's demo setting is that id taken as the sending tablet's
 *   own, checked and stored under it (decision 0015); anywhere else it stays unknown.
 */
import { DEMO_DEVICE_ID, DEMO_SETTING_ID } from '../../demo/index.ts'
import { can, deniedMessage } from '../../policy/index.ts'
import type { PhotoMetaWire, RemovalFlagWire, StaffWire } from '../../protocol/index.ts'
import { eraseInTransaction } from '../library/erasePhoto.ts'
import { APPLIED, rejected, type ChangeContext, type ChangeOutcome } from './changeContext.ts'
import { checkPhoto } from './checkPhoto.ts'
import { metaOf, statusOf, withFlag, type PhotoRow } from './photoRows.ts'
import type { PolicyData } from './policyData.ts'

const NOT_THE_ACTOR =
  'This photo names someone other than the person who sent the change. Make the change again, signed in as yourself.'

export async function applyPhoto(
  ctx: ChangeContext,
  sent: PhotoMetaWire,
  actor: StaffWire,
): Promise<ChangeOutcome> {
  const settingId = ctx.device.settingId
  const existing = await ctx.records.photo(sent.id)
  if (existing !== undefined) {
    if (existing.checksum !== sent.checksum || existing.bytes !== sent.bytes) {
      return rejected('conflict', 'The server already has a different image under this photo id.')
    }
    // An erased photo stays erased (its tombstone is never lifted by a push).
    if (existing.erased_at !== null) return APPLIED
    const was = metaOf(existing)
    if (sent.deleted === null || was.deleted !== null) return APPLIED
    if (sent.deleted.by !== actor.id) return rejected('not_permitted', NOT_THE_ACTOR)
    if (!can(actor.role, 'delete-photo', { canCapture: actor.canCapture })) {
      return rejected('not_permitted', deniedMessage('delete-photo'))
    }
    const meta = JSON.stringify({ ...was, deleted: sent.deleted })
    // The row may be one this push added: written first, and read again after.
    await ctx.records.flush()
    ctx.records.forgetPhoto(sent.id)
    await ctx.trx
      .updateTable('photos')
      .set({ meta })
      .where('setting_id', '=', settingId)
      .where('id', '=', sent.id)
      .execute()
    await eraseIfDeleted(ctx, { ...existing, meta }, sent)
    return APPLIED
  }
  if (sent.staffId !== actor.id) return rejected('not_permitted', NOT_THE_ACTOR)
  const photo = takenInTheDemo(sent, settingId) ? { ...sent, deviceId: ctx.device.id } : sent
  const data = await ctx.policyData()
  const check = checkPhoto(photo, data, { id: ctx.device.id, revokedAt: null })
  const flags = laterWithdrawals(photo, data)
  const row: PhotoRow = {
    setting_id: settingId,
    id: photo.id,
    device_id: ctx.device.id,
    staff_id: photo.staffId,
    taken_at: photo.takenAt,
    checksum: photo.checksum,
    bytes: photo.bytes,
    meta: JSON.stringify(photo),
    received_at: ctx.now,
    stored_at: null,
    quarantined_at: check.quarantined ? ctx.now : null,
    quarantine_rules: check.quarantined ? JSON.stringify(check.rules) : null,
    quarantine_message: check.quarantined ? check.message : null,
    flags: JSON.stringify(flags),
    thumbnail_checksum: null,
    thumbnail_bytes: null,
    erased_at: null,
    erased_by: null,
    erased_reason: null,
    erased_cause: null,
    bytes_removed_at: null,
    removed_child_ids: null,
  }
  // Written with the push's other photos and records (pushRecords.ts).
  ctx.records.addPhoto(row, photo.purposes, photo.childIds)
  if (check.quarantined || flags.length > 0) {
    ctx.records.put('photoStatus', photo.id, statusOf(row))
  }
  await eraseIfDeleted(ctx, row, photo)
  return APPLIED
}

/** A photo deleted on its tablet is erased on the server; its bytes go after commit. */
async function eraseIfDeleted(ctx: ChangeContext, row: PhotoRow, photo: PhotoMetaWire) {
  if (photo.deleted === null) return
  // The erasure reads and changes the row in the database: written first, read again after.
  await ctx.records.flush()
  ctx.records.forgetPhoto(row.id)
  const erasure = {
    cause: 'tablet-deleted',
    reason: photo.deleted.reason,
    staffId: photo.deleted.by,
    deviceId: ctx.device.id,
  } as const
  await eraseInTransaction(ctx.trx, row, erasure, ctx.now)
}

/** A photo of the local demo, arriving in the server's demo setting after enrolment. */
function takenInTheDemo(photo: PhotoMetaWire, settingId: string): boolean {
  return settingId === DEMO_SETTING_ID && photo.deviceId === DEMO_DEVICE_ID
}

/** Withdrawals recorded after the photo was taken that concern it: each is a removal flag. */
function laterWithdrawals(photo: PhotoMetaWire, data: PolicyData): RemovalFlagWire[] {
  const takenMs = Date.parse(photo.takenAt)
  let flags: RemovalFlagWire[] = []
  for (const record of data.consents) {
    if (record.status !== 'withdrawn' || Date.parse(record.recordedAt) <= takenMs) continue
    if (!photo.childIds.includes(record.childId) || !photo.purposes.includes(record.purpose))
      continue
    flags = withFlag(flags, {
      at: record.recordedAt,
      childId: record.childId,
      purposes: [record.purpose],
    })
  }
  return flags
}
