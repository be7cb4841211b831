// What the screens ask: effective consent per child and purpose, and the room's
// "not to be photographed now" list, from the same rules as the capture decision.
import { describe, expect, it } from 'vitest'
import { allGranted, grant, makeContext } from '../../tests/support/policyFixture.ts'
import { childPhotoStatus, effectiveConsent, purposeRestrictions, roomExclusions } from './index.ts'

describe('effectiveConsent', () => {
  it('[consent-missing] reports no record', () => {
    const e = effectiveConsent(makeContext({ consents: [] }), 'c1', 'display')
    expect(e).toMatchObject({
      status: 'missing',
      valid: false,
      rule: 'consent-missing',
      record: null,
    })
    expect(e.reason).toMatch(/no consent/i)
  })

  it('gives status, who gave it, and the default review date (12 calendar months)', () => {
    const e = effectiveConsent(makeContext(), 'c1', 'learning_journey')
    expect(e).toMatchObject({ status: 'valid', valid: true, rule: null })
    expect(e.givenBy?.name).toBe('Sam Parent')
    expect(e.reviewDue).toBe('2027-03-01T09:00:00.000Z')
    // The day as the setting writes dates (en-GB), never 2026-03-01.
    expect(e.reason).toMatch(/ on 1 Mar 2026\.$/)
  })

  it('clamps a review date that falls on a day the month lacks (29 February)', () => {
    const leap = grant('c1', 'display', { recordedAt: '2024-02-29T12:00:00Z' })
    const e = effectiveConsent(
      makeContext({ consents: [leap] }),
      'c1',
      'display',
      '2024-03-01T00:00:00Z',
    )
    expect(e.reviewDue).toBe('2025-02-28T12:00:00.000Z')
  })

  it('[consent-withdrawn] flags concurrent edits and keeps the whole history, oldest first', () => {
    const a = grant('c1', 'website', { id: 'a' })
    const w = grant('c1', 'website', {
      id: 'w',
      status: 'withdrawn',
      recordedAt: '2026-10-01T00:00:00Z',
      supersedes: 'a',
    })
    const g = grant('c1', 'website', {
      id: 'g',
      recordedAt: '2026-10-02T00:00:00Z',
      supersedes: 'a',
    })
    const e = effectiveConsent(makeContext({ consents: [g, w, a] }), 'c1', 'website')
    expect(e).toMatchObject({ status: 'withdrawn', concurrentEdit: true })
    expect(e.record?.id).toBe('w')
    expect(e.history.map((r) => r.id)).toEqual(['a', 'w', 'g'])
  })

  it('[consent-expired] is judged at the time asked for', () => {
    const ctx = makeContext()
    expect(effectiveConsent(ctx, 'c1', 'display', '2027-03-01T09:00:00Z').status).toBe('expired')
    expect(effectiveConsent(ctx, 'c1', 'display', '2027-03-01T08:59:59Z').status).toBe('valid')
  })
})

describe('roomExclusions', () => {
  it('[injury-recorded] lists an injured child even with every consent', () => {
    const ctx = makeContext({
      children: [
        {
          id: 'c1',
          firstName: 'Amelia',
          lastName: 'Jones',
          injuries: [{ recordedAt: '2026-11-22T09:00:00Z', clearedAt: null }],
        },
        { id: 'c2', firstName: 'Oliver', lastName: 'Smith', injuries: [] },
      ],
    })
    const ex = roomExclusions(ctx, ['c1', 'c2'])
    expect(ex.map((e) => e.childId)).toEqual(['c1'])
    expect(ex[0]?.reasons.map((r) => r.code)).toEqual(['injury'])
  })

  it.each([
    ['no_record', []],
    ['refused', [grant('c1', 'learning_journey', { status: 'refused' })]],
    ['review_overdue', [grant('c1', 'learning_journey', { recordedAt: '2025-01-01T00:00:00Z' })]],
    [
      'no_parental_responsibility',
      [
        grant('c1', 'learning_journey', {
          givenBy: { name: 'Gran', relationship: 'grandmother', parentalResponsibility: false },
        }),
      ],
    ],
  ] as const)('lists a child with no valid consent at all: %s', (code, consents) => {
    const ex = roomExclusions(makeContext({ consents: [...consents, ...allGranted(['c2'])] }), [
      'c1',
      'c2',
    ])
    expect(ex.map((e) => e.childId)).toEqual(['c1'])
    expect(ex[0]?.reasons.map((r) => r.code)).toEqual([code])
    expect(ex[0]?.reasons[0]?.message.length).toBeGreaterThan(10)
  })

  it('does not list a child who may be photographed for some purposes', () => {
    const consents = [
      grant('c1', 'learning_journey'),
      grant('c1', 'group_photo', { status: 'refused' }),
    ]
    const status = childPhotoStatus(makeContext({ consents }), 'c1')
    expect(status.excluded).toBe(false)
    expect(status.permittedPurposes).toEqual(['learning_journey'])
    expect(status.consents.group_photo.status).toBe('refused')
  })
})

describe('purposeRestrictions', () => {
  it('[consent-withdrawn] names each asked-for purpose the child may not be photographed for, and why', () => {
    const consents = [
      grant('c1', 'learning_journey', { status: 'withdrawn' }),
      grant('c1', 'display'),
      grant('c1', 'group_photo', { status: 'refused' }),
    ]
    const status = childPhotoStatus(makeContext({ consents }), 'c1')
    const restrictions = purposeRestrictions(status, ['learning_journey', 'display', 'website'])
    expect(restrictions.map((r) => [r.purpose, r.code])).toEqual([
      ['learning_journey', 'withdrawn'],
      ['website', 'no_record'],
    ])
    expect(restrictions[0]?.message).toBe(status.consents.learning_journey.reason)
  })

  it('is empty when every asked-for purpose has valid consent', () => {
    const status = childPhotoStatus(makeContext({ consents: allGranted(['c1']) }), 'c1')
    expect(purposeRestrictions(status, ['learning_journey', 'display'])).toEqual([])
  })
})
