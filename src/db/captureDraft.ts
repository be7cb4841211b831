/**
 * A capture as the screen holds it between the shutter and the save, and how it becomes the
 * policy's CaptureRequest and an audit event's details.
 *
 * Invariant: the request's `at` is the shutter time, not the save time: consent is judged
 * at the moment the photo was taken, against the data as it is when it is stored.
 */
import type { Attestations, CaptureRequest, Decision, Iso, Purpose } from '../policy/index.ts'
import type { JsonValue } from './auditLog.ts'
import type { ConditionAcknowledgement, ParentConditionRef } from '../model/records.ts'

export interface CaptureDraft {
  /** Made at the shutter, so a second save of the same capture is recognised. */
  photoId: string
  takenAt: Iso
  locationId: string
  childIds: string[]
  purposes: Purpose[]
  adultInFrame: boolean
  attestations: Attestations
  caption: string
  reason: string | null
  /** The parents' conditions the practitioner ticked as met; absent or empty: none applied. */
  conditionsMet?: ParentConditionRef[]
}

export function captureRequest(
  draft: CaptureDraft,
  staffId: string,
  deviceId: string,
): CaptureRequest {
  return {
    staffId,
    deviceId,
    locationId: draft.locationId,
    at: draft.takenAt,
    childIds: draft.childIds,
    purposes: draft.purposes,
    adultInFrame: draft.adultInFrame,
    attestations: draft.attestations,
    caption: draft.caption,
    reason: draft.reason,
  }
}

/** Who was tagged, where, for what, and which rules: never the caption or any image. */
export function decisionDetails(
  draft: CaptureDraft,
  decision: Decision,
): { [key: string]: JsonValue } {
  return {
    captureId: draft.photoId,
    takenAt: draft.takenAt,
    locationId: draft.locationId,
    childIds: [...draft.childIds],
    purposes: [...draft.purposes],
    verdict: decision.verdict,
    rules: [...new Set(decision.findings.map((f) => f.rule))],
    findings: decision.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      childId: f.childId ?? null,
      purpose: f.purpose ?? null,
    })),
  }
}

/** The conditions confirmed at this save: by the person saving, at the moment of the save. */
export function acknowledgements(
  draft: CaptureDraft,
  staffId: string,
  at: Iso,
): ConditionAcknowledgement[] {
  return (draft.conditionsMet ?? []).map((c) => ({
    childId: c.childId,
    consentIds: [...c.consentIds],
    purposes: [...c.purposes],
    text: c.text,
    staffId,
    at,
  }))
}
