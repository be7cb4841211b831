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
  type ConsentRecord,
  type Decision,
  type PolicyContext,
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

// The engine compiles a context once per object (it caches by identity), so photos that see
// the same records share one context object. `now` and `consentDataSyncedAt` are equal: the
// server's data is never stale, and the staleness rule is the only use of `now`. A context
// holds only the consent records of the photo's own children (as the tablet's capture
// context does): the engine reads no others, and compiling a whole setting's records for
// each photo was most of the cost of a push.
const SAME_MOMENT = '1970-01-01T00:00:00.000Z'
const contexts = new WeakMap<PolicyData, Map<string, PolicyContext>>()
const byChild = new WeakMap<
  PolicyData,
  Map<string, { records: ConsentRecord[]; times: number[] }>
>()

/** The child's consent records, oldest first (an index over the data, built once per data). */
function consentsOf(data: PolicyData, childId: string) {
  let index = byChild.get(data)
  if (index === undefined) {
    const built = new Map<string, { records: ConsentRecord[]; times: number[] }>()
    data.consents.forEach((record, i) => {
      const own = built.get(record.childId) ?? { records: [], times: [] }
      own.records.push(record)
      own.times.push(data.consentTimes[i] ?? Date.parse(record.recordedAt))
      built.set(record.childId, own)
    })
    byChild.set(data, built)
    index = built
  }
  return index.get(childId) ?? { records: [], times: [] }
}

function contextFor(
  data: PolicyData,
  deviceId: string,
  revoked: boolean,
  atMs: number,
  childIds: readonly string[],
): PolicyContext {
  const consents: ConsentRecord[] = []
  const parts = [deviceId, String(revoked)]
  for (const childId of [...new Set(childIds)].sort()) {
    const own = consentsOf(data, childId)
    let known = 0
    while (known < own.times.length && (own.times[known] ?? Infinity) <= atMs) known++
    consents.push(...own.records.slice(0, known))
    parts.push(`${childId}:${known}`)
  }
  // Photos whose children had the same records at their moments share one context.
  const key = parts.join('|')
  const forData = contexts.get(data) ?? new Map<string, PolicyContext>()
  contexts.set(data, forData)
  const cached = forData.get(key)
  if (cached !== undefined) return cached
  const context: PolicyContext = {
    now: SAME_MOMENT,
    consentDataSyncedAt: SAME_MOMENT,
    staff: data.staff,
    devices: [{ id: deviceId, enrolled: true, revoked }],
    locations: data.locations,
    children: data.children,
    consents,
  }
  forData.set(key, context)
  return context
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
    decision = evaluateCapture(request, contextFor(data, device.id, revoked, atMs, photo.childIds))
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
