/**
 * The daily audit as one CSV table: a row per photo, blocked attempt, tag removed after a
 * block, deletion, and (the server's day) photo use and publicity approval, in that order, each in time order. One rectangular table (no sections) so it sorts and filters in a
 * spreadsheet; several values in one field are separated by "; ".
 */
import { toCsv } from './csv.ts'
import type { DailyAudit } from './dailyAudit.ts'

export const AUDIT_CSV_HEADER = [
  'Record',
  'Date and time (UTC)',
  'Time',
  'Staff',
  'Tablet',
  'Location',
  'Children',
  'Purposes',
  'Decision',
  'Findings or rules',
  'Reason given',
  'Sent to server',
  'Quarantine',
  'Flagged for removal',
  'Deleted',
  'Photo id',
] as const

const list = (values: readonly string[]): string => values.join('; ')

export function auditCsvRows(audit: DailyAudit): string[][] {
  const photos = audit.photos.map((p) => [
    'Photo',
    p.takenAt,
    p.time,
    p.staff,
    p.deviceId,
    p.location,
    list(p.children),
    list(p.purposes),
    p.verdict,
    p.findings === null ? 'Not recorded' : list(p.findings),
    p.reason ?? '',
    p.sync,
    p.quarantined === null ? '' : `Quarantined: ${p.quarantined.reason}`,
    list(p.flaggedForRemoval),
    p.deleted === null ? '' : `${p.deleted.time} by ${p.deleted.by}: ${p.deleted.reason}`,
    p.photoId,
  ])
  const blocked = audit.blocked.map((b) => [
    'Blocked attempt',
    b.at,
    b.time,
    b.staff,
    b.deviceId,
    b.location,
    list(b.children),
    list(b.purposes),
    'Blocked',
    list(b.rules),
    ...['', '', '', '', '', ''],
  ])
  const tagRemovals = audit.tagRemovals.map((t) => [
    'Tag removed after a block',
    t.at,
    t.time,
    t.staff,
    t.deviceId,
    t.location,
    t.removedChild,
    '',
    'Confirmed not in the photo',
    list(t.rules),
    ...['', '', '', '', '', ''],
  ])
  const deletions = audit.deletions.map((d) => [
    'Deletion',
    d.at,
    d.time,
    d.staff,
    d.deviceId,
    ...['', list(d.children), '', '', '', d.reason, '', '', '', 'Deleted', d.photoId],
  ])
  const uses = audit.uses.map((u) => [
    u.record,
    u.at,
    u.time,
    u.staff,
    u.deviceId,
    ...['', list(u.children), u.purpose, '', '', u.details, '', '', '', '', u.photoId],
  ])
  return [...photos, ...blocked, ...tagRemovals, ...deletions, ...uses]
}

export function dailyAuditCsv(audit: DailyAudit): string {
  return toCsv(AUDIT_CSV_HEADER, auditCsvRows(audit))
}
