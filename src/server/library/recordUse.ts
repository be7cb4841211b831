/**
 * Records a use of a photo (a journal download or share, a display, the website, the parents'
 * group, social media, press) if the policy allows it today; otherwise says why, every reason.
 *
 * Invariants:
 * - The decision and the record are made in one transaction with the server's audit line, so
 *   no use is recorded without its audit line and none is allowed on a stale decision.
 * - A refused use is audited too (`photo-use-refused`, with its rule ids): a near miss is as
 *   much the setting's business as a use.
 * - Displays and publicity say until when (the policies: "where … and for how long").
 */
import type { Kysely } from 'kysely'
import { purposeLabel } from '../../policy/index.ts'
import {
  UseWireSchema,
  type RecordUseRequest,
  type UseRefusalWire,
  type UseWire,
} from '../../protocol/index.ts'
import type { AuthenticatedDevice } from '../auth/deviceAuth.ts'
import { metaOf, type PhotoRow } from '../ingest/photoRows.ts'
import type { PolicyData } from '../ingest/policyData.ts'
import { appendServerAudit } from '../serverAudit.ts'
import type { Database } from '../storage/schema.ts'
import { approvalsOf, decideUse, useMoment } from './libraryPhoto.ts'

export type UseOutcome =
  | { ok: true; use: UseWire }
  | { ok: false; code: 'use_refused' | 'bad_request'; message: string; reasons: UseRefusalWire[] }

const NEEDS_UNTIL = new Set(['display', 'publicity'])

export async function recordUse(
  db: Kysely<Database>,
  data: PolicyData,
  who: { device: AuthenticatedDevice; staffId: string },
  row: PhotoRow,
  request: RecordUseRequest,
  now: string,
): Promise<UseOutcome> {
  const { purpose } = request
  if (NEEDS_UNTIL.has(purpose) && request.until === null) {
    const message = `Say until when it is used for ${purposeLabel(purpose)}.`
    return { ok: false, code: 'bad_request', message, reasons: [] }
  }
  const settingId = who.device.settingId
  return db.transaction().execute(async (trx) => {
    const approvals = await approvalsOf(trx, settingId, [row.id])
    const decision = decideUse(useMoment(data, now), row, purpose, approvals, request.until)
    const base = { settingId, at: now, deviceId: who.device.id, staffId: who.staffId }
    const childIds = metaOf(row).childIds
    if (!decision.allowed) {
      await appendServerAudit(trx, {
        ...base,
        type: 'photo-use-refused',
        details: {
          photoId: row.id,
          purpose,
          childIds,
          rules: [...new Set(decision.reasons.map((r) => r.code))],
        },
      })
      const message = `This photo cannot be used for ${purposeLabel(purpose)} today.`
      return { ok: false, code: 'use_refused', message, reasons: decision.reasons }
    }
    const use: UseWire = {
      id: globalThis.crypto.randomUUID(),
      purpose,
      action: request.action,
      place: request.place,
      until: request.until,
      staffId: who.staffId,
      usedAt: now,
    }
    await trx
      .insertInto('photo_uses')
      .values({
        id: use.id,
        setting_id: settingId,
        photo_id: row.id,
        purpose,
        action: use.action,
        place: use.place,
        until_at: use.until,
        staff_id: who.staffId,
        device_id: who.device.id,
        used_at: now,
      })
      .execute()
    await appendServerAudit(trx, {
      ...base,
      type: 'photo-used',
      details: {
        useId: use.id,
        photoId: row.id,
        purpose,
        action: use.action,
        place: use.place,
        until: use.until,
        childIds,
      },
    })
    return { ok: true, use }
  })
}

export async function usesOf(
  db: Kysely<Database>,
  settingId: string,
  photoId: string,
): Promise<UseWire[]> {
  const rows = await db
    .selectFrom('photo_uses')
    .selectAll()
    .where('setting_id', '=', settingId)
    .where('photo_id', '=', photoId)
    .orderBy('used_at', 'desc')
    .execute()
  return rows.map((r) =>
    UseWireSchema.parse({
      id: r.id,
      purpose: r.purpose,
      action: r.action,
      place: r.place,
      until: r.until_at,
      staffId: r.staff_id,
      usedAt: r.used_at,
    }),
  )
}
