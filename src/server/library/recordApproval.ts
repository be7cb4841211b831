/**
 * Records a parent's approval of one publicity photo (the policies: "the parent will be shown
 * the photo … where the picture will be and for how long"): who approved it, where it may
 * appear and until when. Until every child's parent has approved, the photo is held for
 * publicity (`publicity-needs-photo-approval`).
 *
 * Invariants:
 * - Only someone with parental responsibility approves (as for consent); anyone else is
 *   refused with words that say so, and nothing is stored.
 * - Only a photo taken for publicity, only for a child in it, only until a time still ahead.
 * - Stored with its audit line in one transaction. Append-only.
 */
import type { Kysely } from 'kysely'
import type { ApprovalWire, RecordApprovalRequest } from '../../protocol/index.ts'
import type { AuthenticatedDevice } from '../auth/deviceAuth.ts'
import { metaOf, type PhotoRow } from '../ingest/photoRows.ts'
import { appendServerAudit } from '../serverAudit.ts'
import type { Database } from '../storage/schema.ts'

export type ApprovalOutcome = { ok: true; approval: ApprovalWire } | { ok: false; message: string }

function check(row: PhotoRow, request: RecordApprovalRequest, now: string): string | null {
  const meta = metaOf(row)
  if (!meta.purposes.includes('publicity')) {
    return 'This photo was not taken for press and publicity, so there is nothing to approve.'
  }
  if (!meta.childIds.includes(request.childId)) return 'This child is not in this photo.'
  if (!request.givenBy.parentalResponsibility) {
    return 'Only someone with parental responsibility can approve a photo. Ask a parent.'
  }
  if (Date.parse(request.until) <= Date.parse(now)) {
    return 'The approval must run until a day still to come.'
  }
  return null
}

export async function recordApproval(
  db: Kysely<Database>,
  who: { device: AuthenticatedDevice; staffId: string },
  row: PhotoRow,
  request: RecordApprovalRequest,
  now: string,
): Promise<ApprovalOutcome> {
  const problem = check(row, request, now)
  if (problem !== null) return { ok: false, message: problem }
  const settingId = who.device.settingId
  const approval: ApprovalWire = {
    id: globalThis.crypto.randomUUID(),
    childId: request.childId,
    givenBy: request.givenBy,
    place: request.place,
    until: request.until,
    recordedBy: who.staffId,
    recordedAt: now,
  }
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('photo_approvals')
      .values({
        id: approval.id,
        setting_id: settingId,
        photo_id: row.id,
        child_id: approval.childId,
        given_by: JSON.stringify(approval.givenBy),
        place: approval.place,
        until_at: approval.until,
        recorded_by: who.staffId,
        device_id: who.device.id,
        recorded_at: now,
      })
      .execute()
    await appendServerAudit(trx, {
      settingId,
      at: now,
      deviceId: who.device.id,
      staffId: who.staffId,
      type: 'photo-approval-recorded',
      details: {
        approvalId: approval.id,
        photoId: row.id,
        childId: approval.childId,
        givenBy: approval.givenBy.name,
        relationship: approval.givenBy.relationship,
        place: approval.place,
        until: approval.until,
      },
    })
  })
  return { ok: true, approval }
}
