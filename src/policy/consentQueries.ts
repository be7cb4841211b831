/**
 * What the screens ask of the policy, from the same code that decides captures: the
 * effective consent of one child for one purpose, a child's whole picture, and the room's
 * "not to be photographed now" list with each child's reasons.
 */
import { toMs } from './calendar.ts'
import { compileContext } from './compileContext.ts'
import { consentReason } from './consentReason.ts'
import {
  toEffectiveConsent,
  type EffectiveConsent,
  type EffectiveStatus,
} from './effectiveConsent.ts'
import { PURPOSES, type Injury, type PolicyContext, type Purpose } from './schema.ts'

/** Effective consent of (child, purpose) at `at` (default: context.now). */
export function effectiveConsent(
  context: PolicyContext,
  childId: string,
  purpose: Purpose,
  at?: string,
): EffectiveConsent {
  const ctx = compileContext(context)
  const atMs = at === undefined ? ctx.nowMs : toMs(at)
  return toEffectiveConsent(childId, purpose, ctx.chain(childId, purpose), atMs, (s, r) =>
    consentReason(s, r, purpose),
  )
}

export type ExclusionCode =
  'injury' | 'no_record' | 'refused' | 'withdrawn' | 'review_overdue' | 'no_parental_responsibility'

export interface ExclusionReason {
  code: ExclusionCode
  purpose?: Purpose
  message: string
}

export interface ChildPhotoStatus {
  childId: string
  consents: Record<Purpose, EffectiveConsent>
  permittedPurposes: Purpose[]
  injury: Injury | null
  /** Not to be photographed at all right now: injured, or no purpose has valid consent. */
  excluded: boolean
  reasons: ExclusionReason[]
}

const EXCLUSION_CODE: Record<Exclude<EffectiveStatus, 'valid'>, ExclusionCode> = {
  missing: 'no_record',
  refused: 'refused',
  withdrawn: 'withdrawn',
  expired: 'review_overdue',
  no_parental_responsibility: 'no_parental_responsibility',
}

function injuryInForce(injuries: readonly Injury[], atMs: number): Injury | null {
  return (
    injuries.find(
      (i) => toMs(i.recordedAt) <= atMs && (i.clearedAt === null || atMs < toMs(i.clearedAt)),
    ) ?? null
  )
}

export function childPhotoStatus(
  context: PolicyContext,
  childId: string,
  at?: string,
): ChildPhotoStatus {
  const ctx = compileContext(context)
  const atIso = at ?? context.now
  const atMs = toMs(atIso)
  const consents = Object.fromEntries(
    PURPOSES.map((p) => [p, effectiveConsent(context, childId, p, atIso)]),
  ) as Record<Purpose, EffectiveConsent>
  const permittedPurposes = PURPOSES.filter((p) => consents[p].valid)
  const injury = injuryInForce(ctx.children.get(childId)?.injuries ?? [], atMs)
  const reasons: ExclusionReason[] = []
  if (injury !== null) {
    reasons.push({
      code: 'injury',
      message: 'Injury recorded: no photos until the manager clears it.',
    })
  }
  if (permittedPurposes.length === 0) {
    // Say why for the learning journey, the purpose nearly every photo in the room is for.
    const lj = consents.learning_journey
    if (lj.status !== 'valid') {
      reasons.push({
        code: EXCLUSION_CODE[lj.status],
        purpose: 'learning_journey',
        message: lj.reason,
      })
    }
  }
  return {
    childId,
    consents,
    permittedPurposes,
    injury,
    excluded: reasons.length > 0,
    reasons,
  }
}

/**
 * The purposes among `purposes` this child may not be photographed for, each with why (a
 * child with consent for display but not for the learning journey, say). Injury is not here:
 * `status.reasons` has it.
 */
export function purposeRestrictions(
  status: ChildPhotoStatus,
  purposes: readonly Purpose[],
): (ExclusionReason & { purpose: Purpose })[] {
  return purposes.flatMap((purpose) => {
    const consent = status.consents[purpose]
    return consent.status === 'valid'
      ? []
      : [{ code: EXCLUSION_CODE[consent.status], purpose, message: consent.reason }]
  })
}

/** The room's "not to be photographed now" list, in the order of `childIds`. */
export function roomExclusions(
  context: PolicyContext,
  childIds: readonly string[],
  at?: string,
): ChildPhotoStatus[] {
  return childIds.map((id) => childPhotoStatus(context, id, at)).filter((s) => s.excluded)
}
