import { describe, expect, it } from 'vitest'
import type { CaptureDraft } from '../../../db/index.ts'
import type { ConsentRecord, PolicyContext, Purpose } from '../../../policy/index.ts'
import {
  blockingChildren,
  captureDecision,
  groupPhotoBlockers,
  untagNeedsConfirmation,
} from './captureDecision.ts'
import { CLEAR_ATTESTATIONS } from '../../../../tests/support/policyFixture.ts'

const NOW = '2026-05-01T10:00:00.000Z'
const grant = (childId: string, purpose: Purpose, status: ConsentRecord['status']) => ({
  id: `${childId}-${purpose}`,
  childId,
  purpose,
  status,
  givenBy: { name: 'P', relationship: 'mother', parentalResponsibility: true },
  recordedAt: '2026-04-01T09:00:00.000Z',
  recordedBy: 'm',
  reviewDue: null,
  supersedes: null,
})

const context: PolicyContext = {
  now: NOW,
  consentDataSyncedAt: NOW,
  staff: [{ id: 's', name: 'S', canCapture: true }],
  devices: [{ id: 'd', enrolled: true, revoked: false }],
  locations: [{ id: 'room', name: 'Room', kind: 'room' }],
  children: ['ava', 'noah'].map((id) => ({ id, firstName: id, lastName: 'X', injuries: [] })),
  consents: [
    grant('ava', 'learning_journey', 'granted'),
    grant('ava', 'group_photo', 'granted'),
    grant('ava', 'display', 'granted'),
    grant('noah', 'learning_journey', 'granted'),
    grant('noah', 'group_photo', 'refused'),
    grant('noah', 'display', 'granted'),
  ],
}

function draft(overrides: Partial<CaptureDraft>): CaptureDraft {
  return {
    photoId: 'p',
    takenAt: NOW,
    locationId: 'room',
    childIds: ['ava', 'noah'],
    purposes: ['learning_journey', 'display'],
    adultInFrame: false,
    attestations: { ...CLEAR_ATTESTATIONS },
    caption: '',
    reason: null,
    ...overrides,
  }
}

const ids = { staffId: 's', deviceId: 'd' }

describe('captureDecision', () => {
  it('[consent-refused] offers "displays only" when a group photo is refused', () => {
    const live = captureDecision(draft({}), ids, context)
    expect(live.decision.verdict).toBe('block')
    expect(live.narrowTo).toEqual(['display'])
    expect(untagNeedsConfirmation(live.decision)).toBe(true)
  })

  it('offers nothing narrower while an attestation is missing', () => {
    const attestations = { ...draft({}).attestations, fullyDressed: false }
    const live = captureDecision(draft({ attestations }), ids, context)
    expect(live.narrowTo).toBeNull()
  })

  it('allows the whole request when every child may be in it', () => {
    const live = captureDecision(draft({ childIds: ['ava'] }), ids, context)
    expect(live.decision.verdict).toBe('allow')
    expect(live.narrowTo).toBeNull()
    expect(untagNeedsConfirmation(live.decision)).toBe(false)
  })

  it('[consent-refused] names who stops a group learning-journey photo, so the screen can explain it', () => {
    const asked = draft({ purposes: ['learning_journey'] })
    const live = captureDecision(asked, ids, context)
    expect(groupPhotoBlockers(live.decision, asked)).toEqual(['noah'])
    // One child: no group consent needed, nothing to explain.
    const alone = draft({ childIds: ['noah'], purposes: ['learning_journey'] })
    expect(groupPhotoBlockers(captureDecision(alone, ids, context).decision, alone)).toBeNull()
    // Chosen as a group photo on purpose: the finding says it all.
    const chosen = draft({ purposes: ['group_photo'] })
    expect(groupPhotoBlockers(captureDecision(chosen, ids, context).decision, chosen)).toBeNull()
  })

  it('[consent-refused] names the tagged children any block stands on, once each, for "Untag"', () => {
    const chosen = draft({ purposes: ['group_photo', 'display'] })
    expect(blockingChildren(captureDecision(chosen, ids, context).decision)).toEqual(['noah'])
    // A block on no child (a missing attestation) offers no untag.
    const attestations = { ...draft({}).attestations, fullyDressed: false }
    const undressed = draft({ childIds: ['ava'], attestations })
    expect(blockingChildren(captureDecision(undressed, ids, context).decision)).toEqual([])
    expect(blockingChildren(null)).toEqual([])
  })
})
