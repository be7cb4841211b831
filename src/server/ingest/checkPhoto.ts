/**
 * Re-runs the policy engine on a photo against the server's own data at the photo's capture
 * time. The server's data is authoritative, so it is never "stale": the staleness rule is
 * answered by using the capture time as both `now` and `consentDataSyncedAt`.
 *
 * Invariants:
 * - Only consent records made at or before the capture time count: a withdrawal recorded
 *   later does not make the photo wrong when it was taken (it flags it for removal instead).
 * - The only device the photo may come from is the one that uploaded it; any other id is
 *   unknown, so `device-not-enrolled` blocks.
 * - Attestations the device did not send are those a saved photo must have had: a photo is
 *   only saved when the engine allowed it, and the engine allows none without them.
 * - A verdict other than `allow` (a block, or a reason that is missing) means quarantine.
 */
import {
  evaluateCapture,
  PolicyInputError,
  type CaptureRequest,
  type Decision,
} from '../../policy/index.ts'
import type { PhotoMetaWire } from '../../protocol/index.ts'
import type { PolicyData } from './policyData.ts'

export interface PhotoDevice {
  id: string
  revokedAt: string | null
}

export interface PhotoCheck {
  quarantined: boolean
  rules: string[]
  message: string
}

export function checkPhoto(
  photo: PhotoMetaWire,
  data: PolicyData,
  device: PhotoDevice,
): PhotoCheck {
  const at = photo.takenAt
  const atMs = Date.parse(at)
  const request: CaptureRequest = {
    staffId: photo.staffId,
    deviceId: photo.deviceId,
    locationId: photo.locationId,
    at,
    childIds: photo.childIds,
    purposes: photo.purposes,
    adultInFrame: photo.adultInFrame,
    attestations: photo.attestations ?? {
      fullyDressed: true,
      noVisibleInjury: true,
      childrenWilling: true,
      noChildrenInFrame: photo.childIds.length === 0,
    },
    caption: photo.caption,
    reason: photo.reason,
  }
  const revoked = device.revokedAt !== null && Date.parse(device.revokedAt) <= atMs
  let decision: Decision
  try {
    decision = evaluateCapture(request, {
      now: at,
      consentDataSyncedAt: at,
      staff: data.staff,
      devices: [{ id: device.id, enrolled: true, revoked }],
      locations: data.locations,
      children: data.children,
      consents: data.consents.filter((c) => Date.parse(c.recordedAt) <= atMs),
    })
  } catch (error) {
    if (!(error instanceof PolicyInputError)) throw error
    return { quarantined: true, rules: ['invalid-request'], message: error.message }
  }
  const failing = decision.findings.filter((f) => f.severity !== 'warn')
  const quarantined = decision.verdict !== 'allow'
  return {
    quarantined,
    rules: quarantined ? [...new Set(failing.map((f) => f.rule))] : [],
    message: quarantined ? failing.map((f) => f.message).join(' ') : '',
  }
}
