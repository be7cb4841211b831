/**
 * Erasure for one child, at a parent's request: every photo in which only that child
 * appears is erased; a group photo is erased too, unless the manager keeps it for the other
 * children's journals, and then the child leaves its record (metadata, `photo_children`, removal
 * flags) and every tablet removes the child from its copy (`removedChildIds` on `photoStatus`).
 *
 * Invariants:
 * - One transaction: every erasure and every removal with its audit line, and one line
 *   `child-erasure` with the reason and the manager's decision for each group photo.
 * - The child's consent records stay: they are the setting's proof of what the parent agreed
 *   and when (decision 0018). Only photos are erased here.
 * - A photo id in `keep` that is not a group photo of this child is refused, nothing done.
 */
import type { Kysely } from 'kysely'
import {
  flagsOf,
  metaOf,
  photosOfChild,
  updatePhotoStatus,
  type PhotoRow,
} from '../ingest/photoRows.ts'
import { appendServerAudit } from '../serverAudit.ts'
import type { Database } from '../storage/schema.ts'
import { eraseInTransaction } from './erasePhoto.ts'
import type { Actor } from './removals.ts'

export interface ChildPhotos {
  solo: PhotoRow[]
  group: PhotoRow[]
}

/** The child's photos not yet erased: alone, and with other children. Oldest first. */
export async function childPhotos(
  db: Kysely<Database>,
  settingId: string,
  childId: string,
): Promise<ChildPhotos> {
  const rows = (await photosOfChild(db, settingId, childId))
    .filter((r) => r.erased_at === null)
    .sort((a, b) => a.taken_at.localeCompare(b.taken_at) || a.id.localeCompare(b.id))
  const solo = rows.filter((r) => metaOf(r).childIds.length <= 1)
  const group = rows.filter((r) => metaOf(r).childIds.length > 1)
  return { solo, group }
}

export type ChildErasureOutcome =
  { ok: true; erased: string[]; kept: string[] } | { ok: false; message: string }

export async function eraseChild(
  db: Kysely<Database>,
  actor: Actor,
  childId: string,
  request: { reason: string; keep: string[] },
  now: string,
): Promise<ChildErasureOutcome> {
  const settingId = actor.device.settingId
  return db.transaction().execute(async (trx): Promise<ChildErasureOutcome> => {
    const { solo, group } = await childPhotos(trx, settingId, childId)
    const groupIds = new Set(group.map((r) => r.id))
    const stray = request.keep.filter((id) => !groupIds.has(id))
    if (stray.length > 0) {
      const message = `Only a group photo of this child can be kept for the other children; these are not: ${stray.join(', ')}. Nothing was erased.`
      return { ok: false, message }
    }
    const keep = new Set(request.keep)
    const who = { deviceId: actor.device.id, staffId: actor.staffId }
    const erasure = { cause: 'subject-erasure', reason: request.reason, ...who } as const
    const erased: string[] = []
    const kept: string[] = []
    for (const row of [...solo, ...group]) {
      if (keep.has(row.id)) {
        await removeChildFrom(trx, row, childId, request.reason, actor, now)
        kept.push(row.id)
      } else if (await eraseInTransaction(trx, row, erasure, now)) {
        erased.push(row.id)
      }
    }
    await appendServerAudit(trx, {
      settingId,
      at: now,
      ...who,
      type: 'child-erasure',
      details: {
        childId,
        reason: request.reason,
        erased,
        keptForOtherChildren: kept,
        groupPhotosErased: group.filter((r) => !keep.has(r.id)).map((r) => r.id),
      },
    })
    return { ok: true, erased, kept }
  })
}

/** The group photo stays for the others: the child leaves its metadata, rows and flags. */
async function removeChildFrom(
  trx: Kysely<Database>,
  row: PhotoRow,
  childId: string,
  reason: string,
  actor: Actor,
  now: string,
): Promise<void> {
  const meta = metaOf(row)
  const removed = [...new Set([...parseIds(row.removed_child_ids), childId])]
  const change = {
    meta: JSON.stringify({ ...meta, childIds: meta.childIds.filter((id) => id !== childId) }),
    flags: JSON.stringify(flagsOf(row).filter((f) => f.childId !== childId)),
    removed_child_ids: JSON.stringify(removed),
  }
  await trx
    .deleteFrom('photo_children')
    .where('setting_id', '=', row.setting_id)
    .where('photo_id', '=', row.id)
    .where('child_id', '=', childId)
    .execute()
  await updatePhotoStatus(trx, row, change, now)
  await appendServerAudit(trx, {
    settingId: row.setting_id,
    at: now,
    deviceId: actor.device.id,
    staffId: actor.staffId,
    type: 'photo-child-removed',
    details: {
      photoId: row.id,
      childId,
      reason,
      decision: 'kept for the other children’s journals',
      otherChildren: meta.childIds.length - 1,
    },
  })
}

function parseIds(text: string | null): string[] {
  if (text === null) return []
  const value: unknown = JSON.parse(text)
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}
