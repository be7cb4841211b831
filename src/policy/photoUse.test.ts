// Using a stored photo (docs/RULES.md "After capture"): only for what it was taken for, only while
// every child in it has consent now, and for publicity only once a parent approved this photo.
import { describe, expect, it } from 'vitest'
import { allGranted, grant, makeContext, NOW } from '../../tests/support/policyFixture.ts'
import { decidePhotoUse, decidePhotoUses, USE_PURPOSES, type PhotoApproval } from './index.ts'
import type { PhotoForUse } from './index.ts'

const photo = (overrides: Partial<PhotoForUse> = {}): PhotoForUse => ({
  id: 'p1',
  childIds: ['c1'],
  purposes: ['learning_journey', 'display', 'publicity'],
  quarantined: false,
  erased: false,
  ...overrides,
})

const approval = (overrides: Partial<PhotoApproval> = {}): PhotoApproval => ({
  photoId: 'p1',
  childId: 'c1',
  givenBy: { name: 'Sam Parent', relationship: 'mother', parentalResponsibility: true },
  place: 'Local paper, spring fair article',
  until: '2027-01-31T23:59:59Z',
  ...overrides,
})

const codes = (d: { reasons: { code: string }[] }) => d.reasons.map((r) => r.code)

describe('decidePhotoUse', () => {
  const ctx = makeContext({ consents: allGranted(['c1', 'c2']) })

  it('allows a purpose the photo was taken for and every child has consent for now', () => {
    expect(decidePhotoUse(ctx, photo(), 'display', [])).toEqual({
      purpose: 'display',
      allowed: true,
      reasons: [],
    })
  })

  it('refuses a purpose the photo was not taken for, even with consent', () => {
    const d = decidePhotoUse(ctx, photo(), 'website', [])
    expect(d.allowed).toBe(false)
    expect(codes(d)).toEqual(['not-taken-for-purpose'])
  })

  it('[consent-withdrawn] refuses after a withdrawal since capture, saying since when', () => {
    const withdrawal = grant('c1', 'display', {
      id: 'w',
      status: 'withdrawn',
      recordedAt: '2026-11-20T08:30:00Z',
      supersedes: grant('c1', 'display').id,
    })
    const context = makeContext({ consents: [...allGranted(['c1']), withdrawal] })
    const d = decidePhotoUse(context, photo(), 'display', [])
    expect(d.allowed).toBe(false)
    expect(d.reasons).toEqual([
      {
        code: 'consent-withdrawn',
        childId: 'c1',
        since: '2026-11-20T08:30:00Z',
        message: expect.stringMatching(/withdrew consent for displays/) as unknown,
      },
    ])
    // the withdrawal concerns display only
    expect(decidePhotoUse(context, photo(), 'learning_journey', []).allowed).toBe(true)
  })

  it.each([
    ['consent-missing', []],
    ['consent-refused', [grant('c1', 'display', { status: 'refused' })]],
    ['consent-expired', [grant('c1', 'display', { reviewDue: '2026-11-01T00:00:00Z' })]],
    [
      'consent-giver-lacks-parental-responsibility',
      [
        grant('c1', 'display', {
          givenBy: { name: 'Gran', relationship: 'grandmother', parentalResponsibility: false },
        }),
      ],
    ],
  ] as const)('[%s] refuses a use without valid consent today', (rule, consents) => {
    const d = decidePhotoUse(makeContext({ consents: [...consents] }), photo(), 'display', [])
    expect(codes(d)).toEqual([rule])
  })

  it('[consent-missing] needs group_photo from every child for a shared learning journey', () => {
    const consents = [...allGranted(['c1']), grant('c2', 'learning_journey')]
    const two = photo({ childIds: ['c1', 'c2'] })
    const d = decidePhotoUse(makeContext({ consents }), two, 'learning_journey', [])
    expect(d.reasons).toMatchObject([{ code: 'consent-missing', childId: 'c2' }])
    expect(d.reasons[0]?.message).toMatch(/group photos/)
  })

  it('[publicity-needs-photo-approval] holds a publicity photo until every parent approves it', () => {
    const two = photo({ childIds: ['c1', 'c2'] })
    const none = decidePhotoUse(ctx, two, 'publicity', [])
    expect(none.reasons).toMatchObject([
      { code: 'publicity-needs-photo-approval', childId: 'c1' },
      { code: 'publicity-needs-photo-approval', childId: 'c2' },
    ])
    const one = decidePhotoUse(ctx, two, 'publicity', [approval()])
    expect(one.reasons).toMatchObject([{ code: 'publicity-needs-photo-approval', childId: 'c2' }])
    const both = decidePhotoUse(ctx, two, 'publicity', [approval(), approval({ childId: 'c2' })])
    expect(both.allowed).toBe(true)
  })

  it('[publicity-needs-photo-approval] counts no approval that ran out, was for another photo or came without parental responsibility', () => {
    const stale = [
      approval({ until: NOW }),
      approval({ photoId: 'other' }),
      approval({
        givenBy: {
          name: 'Childminder',
          relationship: 'childminder',
          parentalResponsibility: false,
        },
      }),
    ]
    expect(codes(decidePhotoUse(ctx, photo(), 'publicity', stale))).toEqual([
      'publicity-needs-photo-approval',
    ])
  })

  it('[publicity-needs-photo-approval] refuses a use that would run past the approval', () => {
    const approved = [approval({ until: '2027-01-31T23:59:59Z' })]
    const within = decidePhotoUse(ctx, photo(), 'publicity', approved, NOW, '2027-01-15T00:00:00Z')
    expect(within.allowed).toBe(true)
    const past = decidePhotoUse(ctx, photo(), 'publicity', approved, NOW, '2027-03-01T00:00:00Z')
    expect(codes(past)).toEqual(['publicity-needs-photo-approval'])
    expect(past.reasons[0]?.message).toMatch(/until 2027-01-31 only/)
  })

  it('never uses a quarantined or deleted photo, whatever its consents', () => {
    const d = decidePhotoUse(ctx, photo({ quarantined: true, erased: true }), 'display', [])
    expect(codes(d)).toEqual(['photo-erased', 'photo-quarantined'])
  })

  it('decides every use purpose at once, never group_photo', () => {
    const all = decidePhotoUses(ctx, photo(), [])
    expect(all.map((d) => d.purpose)).toEqual([...USE_PURPOSES])
    expect(all.filter((d) => d.allowed).map((d) => d.purpose)).toEqual([
      'learning_journey',
      'display',
    ])
  })
})
