/**
 * For tests and the benchmark only: a day of photos and audit events as the tablet would hold
 * them, made deterministically (no clock, no random), with a sealed chain.
 */
import type { PhotoMeta } from '../../src/model/records.ts'
import { PURPOSES } from '../../src/policy/index.ts'
import { auditDirectory } from '../../src/audit/auditDirectory.ts'
import {
  GENESIS_HASH,
  sealEvent,
  type SealedEvent,
  type UnsealedEvent,
} from '../../src/audit/hashChain.ts'

export const AUDIT_DAY = '2026-11-23'
export const DEVICE = 'tablet-1'

export const STAFF = [
  { id: 'manager', name: 'Morgan Ellery' },
  { id: 'sam', name: 'Sam Okafor' },
]
export const CHILDREN = Array.from({ length: 12 }, (_, i) => ({
  id: `child-${i}`,
  firstName: `Child${i}`,
  lastName: i === 0 ? 'Zoë-Łucja' : 'Tester',
}))
export const LOCATIONS = [{ id: 'room', name: 'Ladybirds room' }]

export const NAMES = auditDirectory({ staff: STAFF, children: CHILDREN, locations: LOCATIONS })

/** Minute `n` of the audit day, as stored (UTC). */
export function at(n: number, day = AUDIT_DAY): string {
  return new Date(Date.parse(`${day}T08:00:00.000Z`) + n * 60_000).toISOString()
}

export function photo(n: number, overrides: Partial<PhotoMeta> = {}): PhotoMeta {
  return {
    id: `photo-${n}`,
    takenAt: at(n),
    staffId: n % 2 === 0 ? 'sam' : 'manager',
    deviceId: DEVICE,
    locationId: 'room',
    childIds: [`child-${n % 12}`, `child-${(n + 5) % 12}`],
    purposes: [PURPOSES[n % 3] ?? 'learning_journey'],
    caption: `Caption ${n}`,
    adultInFrame: false,
    reason: n % 10 === 0 ? 'Agreed with parent for the display' : null,
    decision: {
      verdict: 'allow',
      rules: [],
      findings: [],
      permittedPurposes: ['learning_journey'],
    },
    checksum: 'ab'.repeat(32),
    bytes: 100,
    width: 2048,
    height: 1536,
    syncState: n % 4 === 0 ? 'waiting' : 'sent',
    deleted: null,
    flaggedForRemoval: [],
    ...overrides,
  }
}

/** Seals events in order onto one device's chain. */
export function sealAll(events: readonly Omit<UnsealedEvent, 'seq' | 'deviceId'>[]): SealedEvent[] {
  const sealed: SealedEvent[] = []
  events.forEach((event, i) => {
    const unsealed = { ...event, deviceId: DEVICE, seq: i + 1 }
    sealed.push(sealEvent(unsealed, sealed.at(-1)?.hash ?? GENESIS_HASH))
  })
  return sealed
}

export function blockedEvent(n: number, captureId = `capture-${n}`, stage = 'save') {
  return {
    id: `blocked-${n}-${stage}`,
    at: at(n),
    staffId: 'sam',
    type: 'capture-blocked',
    details: {
      captureId,
      takenAt: at(n),
      locationId: 'room',
      childIds: ['child-3'],
      purposes: ['website'],
      verdict: 'block',
      rules: stage === 'save' ? ['consent-refused'] : ['consent-refused', 'consent-data-stale'],
      stage,
    },
  }
}

export function tagRemovedEvent(n: number) {
  return {
    id: `untag-${n}`,
    at: at(n),
    staffId: 'sam',
    type: 'capture-tag-removed',
    details: {
      captureId: `capture-${n}`,
      locationId: 'room',
      childIds: ['child-2', 'child-4'],
      rules: ['consent-withdrawn'],
      removedChildId: 'child-4',
      confirmed: 'not in this photo',
    },
  }
}

export function deletedEvent(n: number, photoId: string) {
  return {
    id: `deleted-${n}`,
    at: at(n),
    staffId: 'manager',
    type: 'photo-deleted',
    details: { photoId, reason: 'Blurred', childIds: ['child-1'] },
  }
}

/** A busy day: `photos` photos and `events` events (saves, blocks, deletions, sign-ins). */
export function busyDay(photos: number, events: number, day = AUDIT_DAY) {
  const photoList = Array.from({ length: photos }, (_, i) =>
    photo(i % 600, { id: `photo-${i}`, takenAt: at(i % 600, day) }),
  )
  const raw = Array.from({ length: events }, (_, i) => {
    const when = at(i % 600, day)
    if (i % 50 === 0) return { ...blockedEvent(i % 600, `capture-${i}`), id: `b${i}`, at: when }
    if (i % 97 === 0)
      return { ...deletedEvent(i % 600, `photo-${i % photos}`), id: `d${i}`, at: when }
    const type = i % 5 === 0 ? 'signed-in' : 'photo-saved'
    return { id: `e${i}`, at: when, staffId: 'sam', type, details: { photoId: `photo-${i}` } }
  })
  return { photos: photoList, events: sealAll(raw) }
}
