/**
 * The uses of the setting's photos in the daily audit: each use (a journal download
 * or share, a display, the website, the parents' group, social media, press) and each parent's
 * approval of a publicity photo, who, when, where and until when. They live on the server, so
 * only the server's export of a day lists them; a tablet's own audit has none.
 *
 * Invariant: rows are in time order; names come from the directory, never from the input.
 */
import { purposeLabel, type Purpose } from '../policy/index.ts'
import type { AuditDirectory } from './auditDirectory.ts'
import { clockTime, dayWords } from './auditWords.ts'

export interface AuditUse {
  id: string
  photoId: string
  at: string
  staffId: string
  deviceId: string
  purpose: Purpose
  /** 'download' | 'share' | 'record' */
  action: string
  place: string
  until: string | null
  childIds: readonly string[]
}

export interface AuditApproval {
  id: string
  photoId: string
  at: string
  staffId: string
  deviceId: string
  childId: string
  givenBy: { name: string; relationship: string }
  place: string
  until: string
}

export interface UseRow {
  record: 'Photo use' | 'Publicity approval'
  id: string
  at: string
  time: string
  staff: string
  deviceId: string
  photoId: string
  children: string[]
  purpose: string
  /** What was done, where and until when, in one sentence. */
  details: string
}

const ACTIONS: Record<string, string> = {
  download: 'Downloaded',
  share: 'Shared',
  record: 'Used',
}

function untilWords(until: string | null, timeZone: string): string {
  if (until === null) return ''
  const day = new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date(until))
  return `, until ${dayWords(day)}`
}

export function photoUseRows(
  uses: readonly AuditUse[],
  approvals: readonly AuditApproval[],
  names: AuditDirectory,
  timeZone: string,
): UseRow[] {
  const usedRows = uses.map((u): UseRow => ({
    record: 'Photo use',
    id: u.id,
    at: u.at,
    time: clockTime(u.at, timeZone),
    staff: names.staffName(u.staffId),
    deviceId: u.deviceId,
    photoId: u.photoId,
    children: u.childIds.map(names.childName),
    purpose: purposeLabel(u.purpose),
    details: `${ACTIONS[u.action] ?? 'Used'} for ${purposeLabel(u.purpose)}: ${u.place}${untilWords(u.until, timeZone)}`,
  }))
  const approvalRows = approvals.map((a): UseRow => ({
    record: 'Publicity approval',
    id: a.id,
    at: a.at,
    time: clockTime(a.at, timeZone),
    staff: names.staffName(a.staffId),
    deviceId: a.deviceId,
    photoId: a.photoId,
    children: [names.childName(a.childId)],
    purpose: purposeLabel('publicity'),
    details: `Approved by ${a.givenBy.name} (${a.givenBy.relationship}) for ${a.place}${untilWords(a.until, timeZone)}`,
  }))
  return [...usedRows, ...approvalRows].sort((a, b) => a.at.localeCompare(b.at))
}
