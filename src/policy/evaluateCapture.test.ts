// Each capture rule of docs/RULES.md, cited by its id. The shared scenarios run separately
// (scenarios.test.ts); these pin down the edges of each rule.
import { describe, expect, it } from 'vitest'
import {
  allGranted,
  grant,
  makeContext,
  makeRequest,
  NOW,
  rulesOf,
} from '../../tests/support/policyFixture.ts'
import { evaluateCapture } from './index.ts'

const attest = makeRequest().attestations

describe('who, where and what for', () => {
  it('[staff-not-authorised] blocks staff whose authorisation is off', () => {
    const d = evaluateCapture(makeRequest({ staffId: 's2' }), makeContext())
    expect(d.verdict).toBe('block')
    expect(rulesOf(d)).toEqual(['staff-not-authorised'])
    expect(d.permittedPurposes).toEqual([])
  })

  it('[staff-not-authorised] treats an unknown staff id as not authorised', () => {
    const d = evaluateCapture(makeRequest({ staffId: 'nobody' }), makeContext())
    expect(rulesOf(d)).toEqual(['staff-not-authorised'])
  })

  it.each([
    ['revoked', 'd2'],
    ['not enrolled', 'd3'],
    ['unknown', 'd404'],
  ])('[device-not-enrolled] blocks a %s device', (_label, deviceId) => {
    const d = evaluateCapture(makeRequest({ deviceId }), makeContext())
    expect(rulesOf(d)).toEqual(['device-not-enrolled'])
  })

  it.each(['toilets', 'changing', 'somewhere-unknown'])(
    '[prohibited-location] blocks %s whatever else is right',
    (locationId) => {
      const d = evaluateCapture(makeRequest({ locationId }), makeContext())
      expect(rulesOf(d)).toEqual(['prohibited-location'])
      expect(d.permittedPurposes).toEqual([])
    },
  )

  it('[prohibited-location] allows the garden', () => {
    expect(evaluateCapture(makeRequest({ locationId: 'garden' }), makeContext()).verdict).toBe(
      'allow',
    )
  })

  it('[no-purpose] blocks a photo with no stated purpose', () => {
    const d = evaluateCapture(makeRequest({ purposes: [] }), makeContext())
    expect(rulesOf(d)).toEqual(['no-purpose'])
    expect(d.permittedPurposes).toEqual([])
  })

  it('[children-not-identified] blocks when nobody is tagged and no-children is not attested', () => {
    const d = evaluateCapture(makeRequest({ childIds: [] }), makeContext())
    expect(rulesOf(d)).toEqual(['children-not-identified'])
  })

  it('[children-not-identified] allows a photo of artwork attested to have no children', () => {
    const d = evaluateCapture(
      makeRequest({
        childIds: [],
        purposes: ['display'],
        attestations: { ...attest, noChildrenInFrame: true },
      }),
      makeContext(),
    )
    expect(d.verdict).toBe('allow')
  })

  it('[children-not-identified] blocks a tagged child who is not on the roster, naming the id', () => {
    const d = evaluateCapture(
      makeRequest({ childIds: ['c1', 'c99'], purposes: ['display'] }),
      makeContext(),
    )
    expect(d.verdict).toBe('block')
    // Not also "no consent": nothing can be checked for a child the setting does not know.
    expect(rulesOf(d)).toEqual(['children-not-identified'])
    expect(d.findings).toEqual([
      expect.objectContaining({ rule: 'children-not-identified', childId: 'c99' }),
    ])
    expect(d.findings[0]?.message).toContain('c99')
    expect(d.permittedPurposes).toEqual([])
  })

  it('[children-not-identified] blocks children tagged although "no children" is attested', () => {
    const d = evaluateCapture(
      makeRequest({ childIds: ['c1'], attestations: { ...attest, noChildrenInFrame: true } }),
      makeContext(),
    )
    expect(d.verdict).toBe('block')
    expect(rulesOf(d)).toEqual(['children-not-identified'])
    expect(d.findings[0]?.message).toMatch(/no children in this photo/)
  })
})

describe('consent', () => {
  it('[consent-missing] blocks per child and per purpose', () => {
    const ctx = makeContext({ consents: allGranted(['c1']) })
    const d = evaluateCapture(makeRequest({ childIds: ['c1', 'c2'], purposes: ['display'] }), ctx)
    expect(d.findings).toEqual([
      expect.objectContaining({ rule: 'consent-missing', childId: 'c2', purpose: 'display' }),
    ])
  })

  it('[consent-missing] a group learning journey needs every child’s group_photo consent', () => {
    const consents = allGranted(['c1', 'c2']).filter(
      (c) => !(c.childId === 'c2' && c.purpose === 'group_photo'),
    )
    const d = evaluateCapture(makeRequest({ childIds: ['c1', 'c2'] }), makeContext({ consents }))
    expect(d.findings).toEqual([
      expect.objectContaining({ rule: 'consent-missing', childId: 'c2', purpose: 'group_photo' }),
    ])
    expect(d.permittedPurposes).toEqual([])
  })

  it('[children-not-identified] a child tagged but not on the roster is not identified, not checked for consent', () => {
    const d = evaluateCapture(makeRequest({ childIds: ['ghost'] }), makeContext())
    expect(rulesOf(d)).toEqual(['children-not-identified'])
    expect(d.findings[0]?.message).toContain('not on this device')
  })

  it('[consent-refused] blocks only the refused purpose', () => {
    const consents = [
      ...allGranted(['c1']).filter((c) => c.purpose !== 'website'),
      grant('c1', 'website', { status: 'refused' }),
    ]
    const d = evaluateCapture(
      makeRequest({ purposes: ['learning_journey', 'website'] }),
      makeContext({ consents }),
    )
    expect(rulesOf(d)).toEqual(['consent-refused'])
    expect(d.permittedPurposes).toEqual(['learning_journey'])
  })

  it('[consent-withdrawn] a withdrawal that supersedes a grant is current', () => {
    const first = grant('c1', 'learning_journey')
    const withdrawal = grant('c1', 'learning_journey', {
      id: 'w',
      status: 'withdrawn',
      recordedAt: '2026-10-01T09:00:00Z',
      supersedes: first.id,
    })
    const d = evaluateCapture(makeRequest(), makeContext({ consents: [first, withdrawal] }))
    expect(d.findings).toEqual([
      expect.objectContaining({
        rule: 'consent-withdrawn',
        childId: 'c1',
        purpose: 'learning_journey',
      }),
    ])
  })

  it('[consent-withdrawn] a grant that supersedes the withdrawal restores consent', () => {
    const a = grant('c1', 'learning_journey', { id: 'a' })
    const b = grant('c1', 'learning_journey', { id: 'b', status: 'withdrawn', supersedes: 'a' })
    const c = grant('c1', 'learning_journey', { id: 'c', supersedes: 'b' })
    expect(evaluateCapture(makeRequest(), makeContext({ consents: [c, a, b] })).verdict).toBe(
      'allow',
    )
  })

  it('[consent-withdrawn] concurrent heads: the withdrawal wins over a grant it did not see', () => {
    const a = grant('c1', 'learning_journey', { id: 'a' })
    const w = grant('c1', 'learning_journey', {
      id: 'w',
      status: 'withdrawn',
      recordedAt: '2026-11-01T09:00:00Z',
      supersedes: 'a',
    })
    const g = grant('c1', 'learning_journey', {
      id: 'g',
      recordedAt: '2026-11-02T09:00:00Z',
      supersedes: 'a',
    })
    expect(rulesOf(evaluateCapture(makeRequest(), makeContext({ consents: [a, w, g] })))).toEqual([
      'consent-withdrawn',
    ])
  })

  it('[consent-refused] concurrent heads: a refusal wins over a later grant', () => {
    const r = grant('c1', 'learning_journey', { id: 'r', status: 'refused' })
    const g = grant('c1', 'learning_journey', { id: 'g', recordedAt: '2026-06-01T00:00:00Z' })
    expect(rulesOf(evaluateCapture(makeRequest(), makeContext({ consents: [g, r] })))).toEqual([
      'consent-refused',
    ])
  })

  it('[consent-expired] blocks a grant exactly at its default review date (12 months)', () => {
    const old = grant('c1', 'learning_journey', { recordedAt: '2025-11-22T10:00:00Z' })
    const d = evaluateCapture(makeRequest(), makeContext({ consents: [old] }))
    expect(rulesOf(d)).toEqual(['consent-expired'])
  })

  it('[consent-expired] allows a grant one minute before its review date', () => {
    const old = grant('c1', 'learning_journey', { recordedAt: '2025-11-22T10:01:00Z' })
    expect(evaluateCapture(makeRequest(), makeContext({ consents: [old] })).verdict).toBe('allow')
  })

  it('[consent-expired] an explicit review date overrides the default', () => {
    const longer = grant('c1', 'learning_journey', {
      recordedAt: '2025-01-01T00:00:00Z',
      reviewDue: '2027-01-01T00:00:00Z',
    })
    const shorter = grant('c1', 'learning_journey', { reviewDue: '2026-11-01T00:00:00Z' })
    expect(evaluateCapture(makeRequest(), makeContext({ consents: [longer] })).verdict).toBe(
      'allow',
    )
    expect(rulesOf(evaluateCapture(makeRequest(), makeContext({ consents: [shorter] })))).toEqual([
      'consent-expired',
    ])
  })

  it('[consent-expired] judges expiry at the capture time, not at evaluation', () => {
    const old = grant('c1', 'learning_journey', { recordedAt: '2025-11-23T00:00:00Z' })
    const ctx = makeContext({ consents: [old], now: '2026-11-24T00:00:00Z' })
    expect(evaluateCapture(makeRequest({ at: NOW }), ctx).verdict).toBe('allow')
    expect(evaluateCapture(makeRequest({ at: '2026-11-23T00:00:00Z' }), ctx).verdict).toBe('block')
  })

  it('[consent-giver-lacks-parental-responsibility] a grandparent cannot consent', () => {
    const gran = grant('c1', 'learning_journey', {
      givenBy: { name: 'Margaret', relationship: 'grandmother', parentalResponsibility: false },
    })
    const d = evaluateCapture(makeRequest(), makeContext({ consents: [gran] }))
    expect(rulesOf(d)).toEqual(['consent-giver-lacks-parental-responsibility'])
  })

  it('[consent-giver-lacks-parental-responsibility] [consent-expired] both are reported', () => {
    const gran = grant('c1', 'learning_journey', {
      recordedAt: '2025-01-01T00:00:00Z',
      givenBy: { name: 'Margaret', relationship: 'grandmother', parentalResponsibility: false },
    })
    const d = evaluateCapture(makeRequest(), makeContext({ consents: [gran] }))
    expect(rulesOf(d)).toEqual(['consent-expired', 'consent-giver-lacks-parental-responsibility'])
  })

  it('[consent-giver-lacks-parental-responsibility] concurrent grants: the invalid one wins', () => {
    const mum = grant('c1', 'learning_journey', { id: 'mum', recordedAt: '2026-06-01T00:00:00Z' })
    const gran = grant('c1', 'learning_journey', {
      id: 'gran',
      givenBy: { name: 'Margaret', relationship: 'grandmother', parentalResponsibility: false },
    })
    const d = evaluateCapture(makeRequest(), makeContext({ consents: [mum, gran] }))
    expect(rulesOf(d)).toEqual(['consent-giver-lacks-parental-responsibility'])
  })
})

describe('the child and the moment', () => {
  const injured = (recordedAt: string, clearedAt: string | null) =>
    makeContext({
      children: [
        { id: 'c1', firstName: 'Amelia', lastName: 'Jones', injuries: [{ recordedAt, clearedAt }] },
      ],
    })

  it('[injury-recorded] blocks a child with an injury not yet cleared', () => {
    const d = evaluateCapture(makeRequest(), injured('2026-11-22T09:00:00Z', null))
    expect(d.findings).toEqual([
      expect.objectContaining({ rule: 'injury-recorded', childId: 'c1' }),
    ])
    expect(d.permittedPurposes).toEqual([])
  })

  it('[injury-recorded] a cleared injury no longer blocks', () => {
    const ctx = injured('2026-11-21T09:00:00Z', '2026-11-21T12:00:00Z')
    expect(evaluateCapture(makeRequest(), ctx).verdict).toBe('allow')
  })

  it('[injury-recorded] counts from recordedAt until clearedAt', () => {
    const ctx = injured('2026-11-22T11:00:00Z', '2026-11-22T12:00:00Z')
    expect(evaluateCapture(makeRequest({ at: '2026-11-22T10:59:59Z' }), ctx).verdict).toBe('allow')
    expect(evaluateCapture(makeRequest({ at: '2026-11-22T11:30:00Z' }), ctx).verdict).toBe('block')
    expect(evaluateCapture(makeRequest({ at: '2026-11-22T12:00:00Z' }), ctx).verdict).toBe('allow')
  })

  it.each([
    ['not-fully-dressed', 'fullyDressed'],
    ['visible-injury', 'noVisibleInjury'],
    ['child-unwilling', 'childrenWilling'],
  ] as const)('[%s] blocks when the attestation is not given', (rule, field) => {
    const d = evaluateCapture(
      makeRequest({ attestations: { ...attest, [field]: false } }),
      makeContext(),
    )
    expect(rulesOf(d)).toEqual([rule])
    expect(d.permittedPurposes).toEqual([])
  })

  it('[not-fully-dressed] [visible-injury] [child-unwilling] every missing attestation is reported', () => {
    const none = { fullyDressed: false, noVisibleInjury: false, childrenWilling: false }
    const d = evaluateCapture(makeRequest({ attestations: { ...attest, ...none } }), makeContext())
    expect(rulesOf(d)).toEqual(['child-unwilling', 'not-fully-dressed', 'visible-injury'])
  })
})

describe('[caption-names-child]', () => {
  const display = { childIds: ['c1', 'c2'], purposes: ['display' as const] }

  it('[caption-names-child] blocks any roster first name, whole word, any case', () => {
    const d = evaluateCapture(
      makeRequest({ ...display, caption: 'OLIVER at the sand tray' }),
      makeContext(),
    )
    expect(d.findings).toEqual([
      expect.objectContaining({ rule: 'caption-names-child', childId: 'c2' }),
    ])
  })

  it('[caption-names-child] blocks a name of a child who is not in the photo', () => {
    const d = evaluateCapture(makeRequest({ ...display, caption: 'For Isla' }), makeContext())
    expect(d.findings).toEqual([
      expect.objectContaining({ rule: 'caption-names-child', childId: 'c3' }),
    ])
  })

  it.each(["Amelia's tower", 'amelia!', '(AMELIA)', 'Tower by amelia'])(
    '[caption-names-child] finds the name in %j',
    (caption) => {
      const d = evaluateCapture(makeRequest({ ...display, caption }), makeContext())
      expect(rulesOf(d)).toEqual(['caption-names-child'])
    },
  )

  it.each(['Ameliaville trip', 'Oliverse', 'Islands of paint'])(
    '[caption-names-child] does not match part of a word: %j',
    (caption) => {
      expect(evaluateCapture(makeRequest({ ...display, caption }), makeContext()).verdict).toBe(
        'allow',
      )
    },
  )

  it("[caption-names-child] allows the child's own name in their own learning journey", () => {
    const d = evaluateCapture(makeRequest({ caption: 'Amelia built a tower' }), makeContext())
    expect(d.verdict).toBe('allow')
  })

  it('[caption-names-child] the exception needs purposes exactly learning_journey', () => {
    const d = evaluateCapture(
      makeRequest({ caption: 'Amelia built a tower', purposes: ['learning_journey', 'display'] }),
      makeContext(),
    )
    expect(rulesOf(d)).toEqual(['caption-names-child'])
    expect(d.permittedPurposes).toEqual(['learning_journey'])
  })

  it("[caption-names-child] the exception never covers another child's name", () => {
    const d = evaluateCapture(makeRequest({ caption: 'Amelia and Oliver' }), makeContext())
    expect(d.findings).toEqual([
      expect.objectContaining({ rule: 'caption-names-child', childId: 'c2' }),
    ])
  })

  it('[caption-names-child] matches names with accents and hyphens', () => {
    const ctx = makeContext({
      children: [
        { id: 'c1', firstName: 'Zoë', lastName: 'A', injuries: [] },
        { id: 'c2', firstName: 'Mary-Jane', lastName: 'B', injuries: [] },
      ],
      consents: allGranted(['c1', 'c2']),
    })
    expect(
      rulesOf(evaluateCapture(makeRequest({ ...display, caption: 'zoe paints' }), ctx)),
    ).toEqual(['caption-names-child'])
    expect(
      rulesOf(evaluateCapture(makeRequest({ ...display, caption: 'with MARY-JANE' }), ctx)),
    ).toEqual(['caption-names-child'])
  })
})

describe('[one-to-one-with-adult]', () => {
  it('[one-to-one-with-adult] one child with an adult needs a reason', () => {
    const d = evaluateCapture(makeRequest({ adultInFrame: true }), makeContext())
    expect(d.verdict).toBe('needs_reason')
    expect(d.findings).toEqual([
      expect.objectContaining({ rule: 'one-to-one-with-adult', severity: 'reason', childId: 'c1' }),
    ])
    expect(d.permittedPurposes).toEqual(['learning_journey'])
  })

  it('[one-to-one-with-adult] a blank reason is no reason', () => {
    const d = evaluateCapture(makeRequest({ adultInFrame: true, reason: '   ' }), makeContext())
    expect(d.verdict).toBe('needs_reason')
  })

  it.each([
    ['a zero-width space', '\u200b'],
    ['zero-width joiners and a non-joiner', '\u200d\u200c\u200d'],
    ['a byte-order mark between spaces', ' \ufeff '],
    ['a word joiner and a soft hyphen', '\u2060\u00ad'],
    ['a Hangul filler', '\u3164'],
    ['a blank Braille pattern', '\u2800'],
    ['no-break and ideographic spaces', '\u00a0\u3000'],
    ['a line feed and a tab', '\n\t'],
  ])('[one-to-one-with-adult] a reason made only of %s is no reason', (_what, reason) => {
    const d = evaluateCapture(makeRequest({ adultInFrame: true, reason }), makeContext())
    expect(d.verdict).toBe('needs_reason')
    expect(d.findings[0]?.message).toMatch(/record the agreed reason/)
  })

  it('[one-to-one-with-adult] with a reason it is allowed and the finding stays for the audit', () => {
    const d = evaluateCapture(
      makeRequest({ adultInFrame: true, reason: 'Settling-in record agreed with parent' }),
      makeContext(),
    )
    expect(d.verdict).toBe('allow')
    expect(rulesOf(d)).toEqual(['one-to-one-with-adult'])
  })

  it('[one-to-one-with-adult] two children with an adult need no reason', () => {
    const d = evaluateCapture(
      makeRequest({ adultInFrame: true, childIds: ['c1', 'c2'] }),
      makeContext(),
    )
    expect(d.verdict).toBe('allow')
  })

  it('[one-to-one-with-adult] a block outranks a missing reason', () => {
    const d = evaluateCapture(makeRequest({ adultInFrame: true, staffId: 's2' }), makeContext())
    expect(d.verdict).toBe('block')
  })
})

describe('warnings', () => {
  it('[publicity-needs-photo-approval] warns but allows when consent is there', () => {
    const d = evaluateCapture(makeRequest({ purposes: ['publicity'] }), makeContext())
    expect(d.verdict).toBe('allow')
    expect(d.findings).toEqual([
      expect.objectContaining({ rule: 'publicity-needs-photo-approval', severity: 'warn' }),
    ])
  })

  it.each([
    ['2026-11-21T10:00:00Z', 'allow', []],
    ['2026-11-21T09:59:59Z', 'allow', ['warn']],
    ['2026-11-15T10:00:00Z', 'allow', ['warn']],
    ['2026-11-15T09:59:59Z', 'block', ['block']],
  ])('[consent-data-stale] synced at %s: %s', (consentDataSyncedAt, verdict, severities) => {
    const d = evaluateCapture(makeRequest(), makeContext({ consentDataSyncedAt }))
    expect(d.verdict).toBe(verdict)
    expect(
      d.findings.filter((f) => f.rule === 'consent-data-stale').map((f) => f.severity),
    ).toEqual(severities)
  })

  it('[consent-data-stale] tells a tablet that never synced to sync, not that data is old', () => {
    const never = '1970-01-01T00:00:00.000Z'
    const d = evaluateCapture(makeRequest(), makeContext({ consentDataSyncedAt: never }))
    expect(d.verdict).toBe('block')
    const finding = d.findings.find((f) => f.rule === 'consent-data-stale')
    expect(finding?.message).toMatch(/no consent data from the setting’s server yet/)
  })
})

describe('the decision', () => {
  it('reports every finding, not just the first, in rule order', () => {
    const d = evaluateCapture(
      makeRequest({
        staffId: 's2',
        deviceId: 'd2',
        locationId: 'toilets',
        childIds: ['c1', 'c2'],
        purposes: ['website'],
        caption: 'Oliver',
        attestations: { ...attest, fullyDressed: false },
      }),
      makeContext({ consents: allGranted(['c1']) }),
    )
    expect(d.findings.map((f) => f.rule)).toEqual([
      'staff-not-authorised',
      'device-not-enrolled',
      'prohibited-location',
      'consent-missing',
      'not-fully-dressed',
      'caption-names-child',
    ])
  })

  it('counts a child or purpose tagged twice once', () => {
    const d = evaluateCapture(
      makeRequest({ childIds: ['c1', 'c1'], purposes: ['display', 'display'] }),
      makeContext({ consents: [] }),
    )
    expect(d.findings).toHaveLength(1)
    expect(d.permittedPurposes).toEqual([])
  })
})
