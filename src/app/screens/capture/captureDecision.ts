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
