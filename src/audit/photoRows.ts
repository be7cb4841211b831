/**
 * One photo of the daily audit, as every reader of it needs it: names not ids, words not
 * codes, and every fact the issue asks an inspector can see (who, when, where, which children,
 * for what, the decision and its findings, the reason given, whether it reached the server,
 * quarantine, removal flags, deletion).
 *
 * Quarantine is decided by the server (it re-runs the policy on upload); sync stores it on the
 * photo as `quarantine` (records.ts PhotoQuarantine). Until the server has spoken it is null.
 */
import type { PhotoMeta } from '../model/records.ts'
import { purposeLabel } from '../policy/index.ts'
import type { AuditDirectory } from './auditDirectory.ts'
import { clockTime, ruleWords, syncWords, verdictWords } from './auditWords.ts'

/** The server's verdict as the audit shows it: when, and why in words. */
export interface Quarantine {
  at: string
  reason: string
}

export type AuditPhoto = PhotoMeta

export interface PhotoRow {
  photoId: string
  takenAt: string
  time: string
  staff: string
  deviceId: string
  location: string
  children: string[]
  purposes: string[]
  verdict: string
  /** Each finding of the decision in words; null when the save did not record them. */
  findings: string[] | null
  reason: string | null
  /**
   * The parents' conditions the practitioner confirmed, one line each ("Ava Appleby’s
   * parents: “No photos in the paddling pool” (learning journey). Checked by Sam Keyworker at
   * 10:42"); null for a photo saved before they were recorded.
   */
  conditions: string[] | null
  sync: string
  quarantined: Quarantine | null
  /** One line per withdrawal that flags this photo for removal. */
  flaggedForRemoval: string[]
  deleted: { time: string; by: string; reason: string } | null
}

export function toPhotoRow(photo: AuditPhoto, names: AuditDirectory, timeZone: string): PhotoRow {
  return {
    photoId: photo.id,
    takenAt: photo.takenAt,
    time: clockTime(photo.takenAt, timeZone),
    staff: names.staffName(photo.staffId),
    deviceId: photo.deviceId,
    location: names.locationName(photo.locationId),
    children: photo.childIds.map(names.childName),
    purposes: photo.purposes.map(purposeLabel),
    verdict: verdictWords(photo.decision.verdict),
    findings: findingWords(photo),
    reason: photo.reason,
    conditions:
      photo.conditionsAcknowledged === undefined
        ? null
        : photo.conditionsAcknowledged.map(
            (c) =>
              `${names.childName(c.childId)}’s parents: “${c.text}” (${c.purposes.map(purposeLabel).join(', ')}). Checked by ${names.staffName(c.staffId)} at ${clockTime(c.at, timeZone)}`,
          ),
    sync: syncWords(photo.syncState),
    quarantined:
      photo.quarantine == null
        ? null
        : { at: photo.quarantine.at, reason: photo.quarantine.message },
    flaggedForRemoval: photo.flaggedForRemoval.map(
      (flag) =>
        `${names.childName(flag.childId)}: consent withdrawn for ${flag.purposes.map(purposeLabel).join(', ')}`,
    ),
    deleted:
      photo.deleted === null
        ? null
        : {
            time: clockTime(photo.deleted.at, timeZone),
            by: names.staffName(photo.deleted.by),
            reason: photo.deleted.reason,
          },
  }
}

function findingWords(photo: PhotoMeta): string[] | null {
  const { findings, rules } = photo.decision
  if (findings !== undefined) return findings.map((f) => f.message)
  return rules.length === 0 ? null : rules.map(ruleWords)
}
