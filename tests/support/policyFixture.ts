/**
 * A small setting for policy tests: one authorised member of staff, one enrolled device, a
 * room, and children whose consents are built per test. Every builder returns new objects,
 * because the engine treats a context as an immutable value.
 */
import type {
  Attestations,
  CaptureRequest,
  ConsentRecord,
  PolicyContext,
  Purpose,
} from '../../src/policy/index.ts'
import { PURPOSES } from '../../src/policy/index.ts'

export const NOW = '2026-11-22T10:00:00Z'

/** What a practitioner confirms when nothing in the frame needs a second look. */
export const CLEAR_ATTESTATIONS: Readonly<Attestations> = {
  fullyDressed: true,
  noVisibleInjury: true,
  childrenWilling: true,
  noChildrenInFrame: false,
}

export function grant(
  childId: string,
  purpose: Purpose,
  overrides: Partial<ConsentRecord> = {},
): ConsentRecord {
  return {
    id: `${childId}-${purpose}-${overrides.status ?? 'granted'}-${overrides.recordedAt ?? 'base'}`,
    childId,
    purpose,
    status: 'granted',
    givenBy: { name: 'Sam Parent', relationship: 'mother', parentalResponsibility: true },
    recordedAt: '2026-03-01T09:00:00Z',
    recordedBy: 'm1',
    reviewDue: null,
    supersedes: null,
    ...overrides,
  }
}

/** Every purpose granted by a parent for each child. */
export function allGranted(childIds: readonly string[]): ConsentRecord[] {
  return childIds.flatMap((id) => PURPOSES.map((p) => grant(id, p)))
}

export function makeContext(overrides: Partial<PolicyContext> = {}): PolicyContext {
  return {
    now: NOW,
    consentDataSyncedAt: '2026-11-22T08:00:00Z',
    staff: [
      { id: 's1', name: 'Priya Shah', canCapture: true },
      { id: 's2', name: 'Tom Reed', canCapture: false },
    ],
    devices: [
      { id: 'd1', enrolled: true, revoked: false },
      { id: 'd2', enrolled: true, revoked: true },
      { id: 'd3', enrolled: false, revoked: false },
    ],
    locations: [
      { id: 'room', name: 'Main room', kind: 'room' },
      { id: 'garden', name: 'Garden', kind: 'garden' },
      { id: 'toilets', name: 'Toilets', kind: 'toilet' },
      { id: 'changing', name: 'Nappy changing', kind: 'changing' },
    ],
    children: [
      { id: 'c1', firstName: 'Amelia', lastName: 'Jones', injuries: [] },
      { id: 'c2', firstName: 'Oliver', lastName: 'Smith', injuries: [] },
      { id: 'c3', firstName: 'Isla', lastName: 'Brown', injuries: [] },
    ],
    consents: allGranted(['c1', 'c2', 'c3']),
    ...overrides,
  }
}

export function makeRequest(overrides: Partial<CaptureRequest> = {}): CaptureRequest {
  return {
    staffId: 's1',
    deviceId: 'd1',
    locationId: 'room',
    at: NOW,
    childIds: ['c1'],
    purposes: ['learning_journey'],
    adultInFrame: false,
    attestations: { ...CLEAR_ATTESTATIONS },
    caption: '',
    reason: null,
    ...overrides,
  }
}

export function rulesOf(decision: { findings: { rule: string }[] }): string[] {
  return [...new Set(decision.findings.map((f) => f.rule))].sort()
}
