/**
 * The audit events the daily audit lists beside the photos: blocked attempts (who, when,
 * where, which children, which rules: never an image), tags removed after a block (the one way
 * round a block, so who confirmed which child was not in the photo), and deletions (who, when,
 * why).
 *
 * Invariant: a capture blocked at the save and then discarded writes two events with the same
 * `captureId`; it is one attempt, listed once with every rule either event named.
 */
import { purposeLabel, PURPOSES } from '../policy/index.ts'
import type { AuditDirectory } from './auditDirectory.ts'
import { clockTime, ruleWords } from './auditWords.ts'
import { detailString, detailStrings } from './eventDetails.ts'
import type { SealedEvent } from './hashChain.ts'

export interface BlockedRow {
  eventId: string
  at: string
  time: string
  staff: string
  deviceId: string
  location: string
  children: string[]
  purposes: string[]
  rules: string[]
}

export interface DeletionRow {
  eventId: string
  at: string
  time: string
  staff: string
  deviceId: string
  photoId: string
  children: string[]
  reason: string
}

export function blockedRows(
  events: readonly SealedEvent[],
  names: AuditDirectory,
  timeZone: string,
): BlockedRow[] {
  const byCapture = new Map<string, BlockedRow & { ruleIds: Set<string> }>()
  for (const event of events) {
    if (event.type !== 'capture-blocked') continue
    const key = detailString(event.details, 'captureId') ?? event.id
    const row = byCapture.get(key) ?? { ...blockedRow(event, names, timeZone), ruleIds: new Set() }
    for (const rule of detailStrings(event.details, 'rules')) row.ruleIds.add(rule)
    byCapture.set(key, row)
  }
  return [...byCapture.values()].map(({ ruleIds, ...row }) => ({
    ...row,
    rules: [...ruleIds].map(ruleWords),
  }))
}

function blockedRow(event: SealedEvent, names: AuditDirectory, timeZone: string): BlockedRow {
  const d = event.details
  return {
    eventId: event.id,
    at: event.at,
    time: clockTime(event.at, timeZone),
    staff: names.staffName(event.staffId),
    deviceId: event.deviceId,
    location: names.locationName(detailString(d, 'locationId')),
    children: detailStrings(d, 'childIds').map(names.childName),
    purposes: detailStrings(d, 'purposes').map(purposeWords),
    rules: [],
  }
}

export function deletionRows(
  events: readonly SealedEvent[],
  names: AuditDirectory,
  timeZone: string,
): DeletionRow[] {
  return events
    .filter((e) => e.type === 'photo-deleted')
    .map((event) => ({
      eventId: event.id,
      at: event.at,
      time: clockTime(event.at, timeZone),
      staff: names.staffName(event.staffId),
      deviceId: event.deviceId,
      photoId: detailString(event.details, 'photoId') ?? 'not recorded',
      children: detailStrings(event.details, 'childIds').map(names.childName),
      reason: detailString(event.details, 'reason') ?? 'No reason recorded',
    }))
}

export interface TagRemovalRow {
  eventId: string
  at: string
  time: string
  staff: string
  deviceId: string
  location: string
  /** The child the practitioner confirmed was not in the photo. */
  removedChild: string
  /** What was blocking when the tag was removed. */
  rules: string[]
}

export function tagRemovalRows(
  events: readonly SealedEvent[],
  names: AuditDirectory,
  timeZone: string,
): TagRemovalRow[] {
  return events
    .filter((e) => e.type === 'capture-tag-removed')
    .map((event) => {
      const removed = detailString(event.details, 'removedChildId')
      return {
        eventId: event.id,
        at: event.at,
        time: clockTime(event.at, timeZone),
        staff: names.staffName(event.staffId),
        deviceId: event.deviceId,
        location: names.locationName(detailString(event.details, 'locationId')),
        removedChild: removed === null ? 'Not recorded' : names.childName(removed),
        rules: detailStrings(event.details, 'rules').map(ruleWords),
      }
    })
}

function purposeWords(code: string): string {
  const known = PURPOSES.find((p) => p === code)
  return known === undefined ? code : purposeLabel(known)
}
