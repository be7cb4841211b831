/**
 * For tests: photo bytes and the metadata a capture would record for them, with the right
 * SHA-256, for the demo setting (its staff, locations and children).
 */
import { createHash, randomBytes } from 'node:crypto'
import { DEMO_STAFF } from '../../src/demo/index.ts'
import type { PhotoMetaWire, Purpose } from '../../src/protocol/index.ts'

export function photoBytes(size: number): Uint8Array<ArrayBuffer> {
  return new Uint8Array(randomBytes(size))
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

export interface PhotoSpec {
  id?: string
  deviceId: string
  bytes: Uint8Array
  childIds: string[]
  purposes?: Purpose[]
  takenAt?: string
  caption?: string
}

export function photoMeta(spec: PhotoSpec): PhotoMetaWire {
  return {
    id: spec.id ?? globalThis.crypto.randomUUID(),
    takenAt: spec.takenAt ?? new Date().toISOString(),
    staffId: DEMO_STAFF.practitioner.id,
    deviceId: spec.deviceId,
    locationId: 'demo-loc-garden',
    childIds: spec.childIds,
    purposes: spec.purposes ?? ['learning_journey'],
    caption: spec.caption ?? 'Building a tower',
    adultInFrame: false,
    reason: null,
    decision: { verdict: 'allow', rules: [] },
    checksum: sha256Hex(spec.bytes),
    bytes: spec.bytes.byteLength,
    width: 1600,
    height: 1200,
    deleted: null,
    flaggedForRemoval: [],
  }
}
