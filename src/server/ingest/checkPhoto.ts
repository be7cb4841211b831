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

// The engine compiles a context once per object (it caches by identity), so photos whose
// checks would see the same parts share one context object, across versions of the setting's
// data too: policyData.ts keeps a part that did not change (staff, places, children, each
// consent record) as the same object, so a context is keyed by its parts' serial numbers.
// Records are append-only and a rolled-back version is rebuilt from new objects, so equal
// serials are equal records. `now` and `consentDataSyncedAt` are equal: the server's data is
// never stale, and the staleness rule is the only use of `now`. A context holds only the
// consent records of the photo's own children (as the tablet's capture context does): the
// engine reads no others, and compiling a whole setting's records for each photo was most
// of the cost of a push. The device is the uploading one under a fixed name (any other is
// unknown, whatever its id), so photos of every tablet taken at moments with the same
// records share a context: re-checking a child's photos after each record of a morning's
// burst compiled one context for every photo.
const SAME_MOMENT = '1970-01-01T00:00:00.000Z'
const UPLOADER = 'uploader'
const MAX_CONTEXTS = 5_000
const contexts = new Map<string, PolicyContext>()
const serials = new WeakMap<object, number>()
let lastSerial = 0
const byChild = new WeakMap<
  readonly ConsentRecord[],
  Map<string, { records: ConsentRecord[]; times: number[] }>
>()

function serial(part: object): number {
  let n = serials.get(part)
  if (n === undefined) {
    n = ++lastSerial
    serials.set(part, n)
  }
  return n
}

/** The child's consent records, oldest first (an index over the records, built once). */
function consentsOf(data: PolicyData, childId: string) {
  let index = byChild.get(data.consents)
  if (index === undefined) {
    const built = new Map<string, { records: ConsentRecord[]; times: number[] }>()
    data.consents.forEach((record, i) => {
      const own = built.get(record.childId) ?? { records: [], times: [] }
      own.records.push(record)
      own.times.push(data.consentTimes[i] ?? Date.parse(record.recordedAt))
      built.set(record.childId, own)
    })
    byChild.set(data.consents, built)
    index = built
  }
  return index.get(childId) ?? { records: [], times: [] }
}

function contextFor(
  data: PolicyData,
  revoked: boolean,
  atMs: number,
  childIds: readonly string[],
): PolicyContext {
  const consents: ConsentRecord[] = []
  const parts: (string | number | boolean)[] = [
    serial(data.staff),
    serial(data.locations),
    serial(data.children),
    revoked,
  ]
  for (const childId of [...new Set(childIds)].sort()) {
    const own = consentsOf(data, childId)
    let known = 0
    while (known < own.times.length && (own.times[known] ?? Infinity) <= atMs) known++
    const records = own.records.slice(0, known)
    consents.push(...records)
    parts.push(`${childId}:${records.map(serial).join(',')}`)
  }
  const key = parts.join('|')
  const cached = contexts.get(key)
  if (cached !== undefined) return cached
  const context: PolicyContext = {
    now: SAME_MOMENT,
    consentDataSyncedAt: SAME_MOMENT,
    staff: data.staff,
    devices: [{ id: UPLOADER, enrolled: true, revoked }],
    locations: data.locations,
    children: data.children,
    consents,
  }
  if (contexts.size >= MAX_CONTEXTS) contexts.clear()
  contexts.set(key, context)
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
    // Never the fixed name unless it is the uploader: any other id stays unknown.
    deviceId: photo.deviceId === device.id ? UPLOADER : `other:${photo.deviceId}`,
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
    decision = evaluateCapture(request, contextFor(data, revoked, atMs, photo.childIds))
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
