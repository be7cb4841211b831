// The live decision for the held photo, from the same engine the save and the server run:
// every finding in words, and whether a narrower save ("for displays only") would be allowed.
// Pure: the caller passes the context and "now".
import type { CaptureDraft } from '../../../db/index.ts'
import {
  evaluateCapture,
  type Decision,
  type PolicyContext,
  type Purpose,
} from '../../../policy/index.ts'

export type LiveDecision = {
  decision: Decision
  /** Purposes a save would be allowed for, when fewer than asked; null when none or all. */
  narrowTo: Purpose[] | null
}

export function captureDecision(
  draft: CaptureDraft,
  ids: { staffId: string; deviceId: string },
  context: PolicyContext,
): LiveDecision {
  const request = { ...draft, ...ids, at: draft.takenAt }
  const decision = evaluateCapture(request, context)
  const permitted = decision.permittedPurposes
  if (decision.verdict === 'allow' || permitted.length === 0) return { decision, narrowTo: null }
  if (permitted.length === draft.purposes.length) return { decision, narrowTo: null }
  // Offer the narrower save only if the engine would allow it as a whole, attestations and all.
  const narrowed = evaluateCapture({ ...request, purposes: permitted }, context)
  return { decision, narrowTo: narrowed.verdict === 'allow' ? permitted : null }
}

/**
 * Removing a tag is the one way round a block on a child (a refusal, an injury, a group photo
 * a parent said no to), so while such a block stands, a removal asks first and is audited.
 */
export function untagNeedsConfirmation(decision: Decision | null): boolean {
  return decision?.findings.some((f) => f.severity === 'block' && f.childId !== undefined) === true
}

/**
 * The children who stop a group learning-journey photo: the policy adds group-photo consent to
 * a learning-journey photo of two or more children (it goes into each one's journey), and a
 * practitioner who only chose "learning journey" needs that said, with the ways out.
 * Null when the block is not of that kind.
 */
export function groupPhotoBlockers(
  decision: Decision | null,
  draft: Pick<CaptureDraft, 'childIds' | 'purposes'>,
): string[] | null {
  if (decision === null || draft.childIds.length < 2) return null
  if (!draft.purposes.includes('learning_journey') || draft.purposes.includes('group_photo')) {
    return null
  }
  const ids = decision.findings.flatMap((f) =>
    f.severity === 'block' && f.purpose === 'group_photo' && f.childId !== undefined
      ? [f.childId]
      : [],
  )
  return ids.length === 0 ? null : [...new Set(ids)]
}
