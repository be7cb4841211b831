/**
 * One photo as the library shows it: what it is, its state now (in use, flagged for removal,
 * quarantined, erased) and, for every use purpose, whether it may be used today and why not,
 * decided by the policy (policy/photoUse.ts) against the server's consent records.
 *
 * Invariant: decisions are made against one policy context per request, built from the
 * server's own records at the request's moment, never against anything a tablet sent.
 */
import type { Kysely } from 'kysely'
import {
  decidePhotoUse,
  decidePhotoUses,
  type PhotoApproval,
  type PhotoForUse,
  type PhotoUseDecision,
  type PolicyContext,
  type Purpose,
} from '../../policy/index.ts'
import { GivenByWireSchema, type ApprovalWire, type LibraryPhoto } from '../../protocol/index.ts'
import { flagsOf, metaOf, type PhotoRow } from '../ingest/photoRows.ts'
import type { PolicyData } from '../ingest/policyData.ts'
import type { Database, PhotoApprovalsTable } from '../storage/schema.ts'

/** The policy context of the server's records and the moment decisions are made for. */
export interface UseMoment {
  context: PolicyContext
  at: string
}

// The engine compiles a context once per object, so the setting's records get one context
// for as long as they stand (policyDataLoader hands out the same object until they change);
// the moment is passed apart. `now` in it is never read: every decision is given `at`.
const contexts = new WeakMap<PolicyData, PolicyContext>()
const UNUSED_NOW = '1970-01-01T00:00:00.000Z'

export function useMoment(data: PolicyData, at: string): UseMoment {
  let context = contexts.get(data)
  if (context === undefined) {
    context = {
      now: UNUSED_NOW,
      consentDataSyncedAt: UNUSED_NOW,
      staff: data.staff,
      devices: [],
      locations: data.locations,
      children: data.children,
      consents: data.consents,
    }
    contexts.set(data, context)
  }
  return { context, at }
}

/** An approval as stored: the wire shape and the photo it is for. */
export type StoredApproval = ApprovalWire & { photoId: string }

export async function approvalsOf(
  db: Kysely<Database>,
  settingId: string,
  photoIds: readonly string[],
): Promise<StoredApproval[]> {
  if (photoIds.length === 0) return []
  const rows = await db
    .selectFrom('photo_approvals')
    .selectAll()
    .where('setting_id', '=', settingId)
    .where('photo_id', 'in', photoIds)
    .orderBy('recorded_at')
    .execute()
  return rows.map(approvalWire)
}

export function approvalWire(row: PhotoApprovalsTable): StoredApproval {
  return {
    id: row.id,
    photoId: row.photo_id,
    childId: row.child_id,
    givenBy: GivenByWireSchema.parse(JSON.parse(row.given_by)),
    place: row.place,
    until: row.until_at,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at,
  }
}

export function photoForUse(row: PhotoRow, meta = metaOf(row)): PhotoForUse {
  return {
    id: row.id,
    childIds: meta.childIds,
    purposes: meta.purposes,
    quarantined: row.quarantined_at !== null,
    erased: meta.deleted !== null,
  }
}

export function decideUse(
  moment: UseMoment,
  row: PhotoRow,
  purpose: Purpose,
  approvals: readonly PhotoApproval[],
  useUntil: string | null = null,
): PhotoUseDecision {
  const photo = photoForUse(row)
  return decidePhotoUse(moment.context, photo, purpose, approvals, moment.at, useUntil)
}

export function libraryPhoto(
  moment: UseMoment,
  row: PhotoRow,
  allApprovals: readonly StoredApproval[],
): LibraryPhoto {
  const meta = metaOf(row)
  const flags = flagsOf(row)
  const approvals = allApprovals.filter((a) => a.photoId === row.id)
  const erased = meta.deleted === null ? null : { at: meta.deleted.at, reason: meta.deleted.reason }
  const quarantine =
    row.quarantined_at === null
      ? null
      : {
          rules: JSON.parse(row.quarantine_rules ?? '[]') as string[],
          message: row.quarantine_message ?? '',
        }
  const state =
    erased !== null
      ? 'erased'
      : quarantine !== null
        ? 'quarantined'
        : flags.length > 0
          ? 'flagged'
          : 'in_use'
  const uses = decidePhotoUses(moment.context, photoForUse(row, meta), approvals, moment.at)
  return {
    id: row.id,
    takenAt: row.taken_at,
    staffId: row.staff_id,
    locationId: meta.locationId,
    childIds: meta.childIds,
    purposes: meta.purposes,
    caption: meta.caption,
    width: meta.width,
    height: meta.height,
    stored: row.stored_at !== null,
    hasThumbnail: row.thumbnail_checksum !== null,
    state,
    flags,
    quarantine,
    erased,
    uses: uses.map((u) => ({ purpose: u.purpose, allowed: u.allowed, reasons: u.reasons })),
    approvals: approvals.map(({ id, childId, givenBy, place, until, recordedBy, recordedAt }) => ({
      id,
      childId,
      givenBy,
      place,
      until,
      recordedBy,
      recordedAt,
    })),
  }
}
