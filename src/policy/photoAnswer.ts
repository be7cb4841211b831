/**
 * One child's answer to "may I photograph them?" for the purposes being looked at: the board's
 * strip and card, the child's page headline and the camera's strip all say this answer, so one
 * child never gets a red box in one place and a green "yes" in another.
 *
 * Invariants:
 * - An injury in force, or no valid consent for any purpose, is `no` whatever is looked at.
 * - Otherwise the answer is about `purposes` only: `no` when none of them may be photographed
 *   for, `some` when only some, `yes` when all. `reasons` says why for each blocked one.
 * - With no purposes looked at (a setting with no default), only the first rule applies.
 */
import {
  purposeRestrictions,
  type ChildPhotoStatus,
  type ExclusionReason,
} from './consentQueries.ts'
import type { Purpose } from './schema.ts'

export interface PhotoAnswer {
  answer: 'yes' | 'some' | 'no'
  /** Not to be photographed for anything now (injury, or no valid consent at all). */
  excluded: boolean
  /** Among the purposes looked at, those that may be photographed for. */
  allowed: Purpose[]
  /** Among the purposes looked at, those that may not, in the order asked. */
  blocked: Purpose[]
  /** Why: the injury, or each blocked purpose's consent. */
  reasons: ExclusionReason[]
}

export function photoAnswer(status: ChildPhotoStatus, purposes: readonly Purpose[]): PhotoAnswer {
  if (status.excluded) {
    // The injury, then why for the purposes looked at (else the policy's own reason).
    const injury = status.reasons.filter((r) => r.code === 'injury')
    const consent = purposeRestrictions(status, purposes)
    const other = consent.length > 0 ? consent : status.reasons.filter((r) => r.code !== 'injury')
    const reasons = [...injury, ...other]
    return { answer: 'no', excluded: true, allowed: [], blocked: [...purposes], reasons }
  }
  const reasons = purposeRestrictions(status, purposes)
  const blocked = reasons.map((r) => r.purpose)
  const allowed = purposes.filter((p) => !blocked.includes(p))
  const answer = blocked.length === 0 ? 'yes' : allowed.length === 0 ? 'no' : 'some'
  return { answer, excluded: false, allowed, blocked, reasons }
}
