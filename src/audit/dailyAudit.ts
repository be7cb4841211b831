/**
 * The daily photo audit of one day: totals, every photo taken, every blocked attempt, every
 * tag removed after a block, every deletion, and whether the audit record is intact. Built from what the tablet holds; the
 * screen, the CSV and the PDF all read this one model, so they can never disagree.
 *
 * Invariants:
 * - Pure: the caller picks the day's photos and events (by the day's bounds in the setting's
 *   time zone) and verifies the chain; this only shapes and counts.
 * - Rows are in time order; totals count exactly the rows listed.
 */
import type { AuditDirectory } from './auditDirectory.ts'
import {
  blockedRows,
  deletionRows,
  tagRemovalRows,
  type BlockedRow,
  type DeletionRow,
  type TagRemovalRow,
} from './eventRows.ts'
import type { SealedEvent } from './hashChain.ts'
import { toPhotoRow, type AuditPhoto, type PhotoRow } from './photoRows.ts'
import type { ChainVerdict } from './verifyChain.ts'
import { photoUseRows, type AuditApproval, type AuditUse, type UseRow } from './photoUseRows.ts'

export interface DailyTotals {
  photos: number
  blocked: number
  tagRemovals: number
  deletions: number
  quarantined: number
  flagged: number
}

export interface DailyAudit {
  /** YYYY-MM-DD, in the setting's time zone. */
  day: string
  timeZone: string
  totals: DailyTotals
  photos: PhotoRow[]
  blocked: BlockedRow[]
  tagRemovals: TagRemovalRow[]
  deletions: DeletionRow[]
  /** Uses of photos and parents' approvals (the server's day only; a tablet has none). */
  uses: UseRow[]
  chain: ChainVerdict
}

export interface DailyAuditInput {
  day: string
  timeZone: string
  photos: readonly AuditPhoto[]
  events: readonly SealedEvent[]
  chain: ChainVerdict
  names: AuditDirectory
  /** The server's record of photo uses and approvals that day; absent on a tablet. */
  uses?: readonly AuditUse[]
  approvals?: readonly AuditApproval[]
}

export function buildDailyAudit(input: DailyAuditInput): DailyAudit {
  const { names, timeZone } = input
  const byTime = <T extends { at: string }>(a: T, b: T) => a.at.localeCompare(b.at)
  const photos = [...input.photos]
    .sort((a, b) => a.takenAt.localeCompare(b.takenAt))
    .map((photo) => toPhotoRow(photo, names, timeZone))
  const blocked = blockedRows(input.events, names, timeZone).sort(byTime)
  const tagRemovals = tagRemovalRows(input.events, names, timeZone).sort(byTime)
  const deletions = deletionRows(input.events, names, timeZone).sort(byTime)
  return {
    day: input.day,
    timeZone,
    totals: {
      photos: photos.length,
      blocked: blocked.length,
      tagRemovals: tagRemovals.length,
      deletions: deletions.length,
      quarantined: photos.filter((p) => p.quarantined !== null).length,
      flagged: photos.filter((p) => p.flaggedForRemoval.length > 0 && p.deleted === null).length,
    },
    photos,
    blocked,
    tagRemovals,
    deletions,
    uses: photoUseRows(input.uses ?? [], input.approvals ?? [], names, timeZone),
    chain: input.chain,
  }
}

/** The audit record's state in one sentence, for the screen, the exports and the alerts. */
export function chainWords(chain: ChainVerdict): string {
  return chain.ok
    ? 'Audit record intact'
    : `Audit record not intact: ${chain.problem.message} Keep this tablet as it is and tell the data protection lead.`
}
