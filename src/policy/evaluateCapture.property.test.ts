// Properties of the decision that must hold for every setting and request, checked with
// fast-check over generated consent histories (including concurrent edits), rosters,
// injuries, attestations and captions.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { makeContext, makeRequest } from '../../tests/support/policyFixture.ts'
import {
  evaluateCapture,
  PURPOSES,
  type CaptureRequest,
  type ConsentRecord,
  type PolicyContext,
  type Purpose,
} from './index.ts'

const CHILD_IDS = ['c1', 'c2', 'c3', 'c4', 'c5'] as const
const NAMES = ['Amelia', 'Oliver', 'Isla', 'Noah', 'Ava']
const DATES = [
  '2025-06-01T09:00:00Z',
  '2025-12-01T09:00:00Z',
  '2026-05-01T09:00:00Z',
  '2026-11-01T09:00:00Z',
]

const purpose = fc.constantFrom(...PURPOSES)

const chainFor = (childId: string, p: Purpose) =>
  fc
    .array(
      fc.record({
        status: fc.constantFrom('granted', 'granted', 'refused', 'withdrawn'),
        pr: fc.boolean(),
        recordedAt: fc.constantFrom(...DATES),
        concurrent: fc.boolean(),
      }),
      { maxLength: 3 },
    )
    .map((steps) =>
      steps.map((s, i): ConsentRecord => ({
        id: `${childId}-${p}-${i}`,
        childId,
        purpose: p,
        status: s.status,
        givenBy: {
          name: 'Parent',
          relationship: s.pr ? 'mother' : 'aunt',
          parentalResponsibility: s.pr,
        },
        recordedAt: s.recordedAt,
        recordedBy: 'm1',
        reviewDue: null,
        // A step either supersedes the previous head or, made offline elsewhere, the one before.
        supersedes: i === 0 ? null : `${childId}-${p}-${s.concurrent && i > 1 ? i - 2 : i - 1}`,
      })),
    )

const contextArb: fc.Arbitrary<PolicyContext> = fc
  .record({
    consents: fc.tuple(...CHILD_IDS.flatMap((c) => PURPOSES.map((p) => chainFor(c, p)))),
    injured: fc.subarray([...CHILD_IDS]),
    syncedHoursAgo: fc.constantFrom(1, 30, 200),
  })
  .map(({ consents, injured, syncedHoursAgo }) =>
    makeContext({
      consentDataSyncedAt: new Date(
        Date.parse('2026-11-22T10:00:00Z') - syncedHoursAgo * 3_600_000,
      ).toISOString(),
      children: CHILD_IDS.map((id, i) => ({
        id,
        firstName: NAMES[i] ?? id,
        lastName: 'Test',
        injuries: injured.includes(id)
          ? [{ recordedAt: '2026-11-22T08:00:00Z', clearedAt: null }]
          : [],
      })),
      consents: consents.flat(),
    }),
  )

const mostlyTrue = fc.constantFrom(true, true, true, true, false)

const requestArb: fc.Arbitrary<CaptureRequest> = fc
  .record({
    childIds: fc.subarray([...CHILD_IDS], { minLength: 1 }),
    purposes: fc.subarray([...PURPOSES]),
    adultInFrame: fc.boolean(),
    // Mostly given, so that allows stay reachable and the other rules get exercised.
    fullyDressed: mostlyTrue,
    noVisibleInjury: mostlyTrue,
    childrenWilling: mostlyTrue,
    caption: fc.constantFrom('', 'Tower', 'Amelia builds', 'oliver and isla', 'Paint'),
    reason: fc.constantFrom(null, '', 'Settling-in record'),
    locationId: fc.constantFrom('room', 'room', 'garden', 'toilets'),
    staffId: fc.constantFrom('s1', 's1', 's1', 's2'),
  })
  .map((r) =>
    makeRequest({
      childIds: r.childIds,
      purposes: r.purposes,
      adultInFrame: r.adultInFrame,
      attestations: {
        fullyDressed: r.fullyDressed,
        noVisibleInjury: r.noVisibleInjury,
        childrenWilling: r.childrenWilling,
        noChildrenInFrame: false,
      },
      caption: r.caption,
      reason: r.reason,
      locationId: r.locationId,
      staffId: r.staffId,
    }),
  )

const RANK = { allow: 0, needs_reason: 1, block: 2 } as const

describe('decision properties', () => {
  it('an allow never carries a blocking finding; a block always has one', () => {
    fc.assert(
      fc.property(contextArb, requestArb, (ctx, req) => {
        const d = evaluateCapture(req, ctx)
        const blocks = d.findings.some((f) => f.severity === 'block')
        expect(blocks).toBe(d.verdict === 'block')
        if (d.verdict === 'needs_reason')
          expect(d.findings.some((f) => f.severity === 'reason')).toBe(true)
      }),
      { numRuns: 300 },
    )
  })

  it('permittedPurposes is a subset of the requested purposes, and all of them on allow', () => {
    fc.assert(
      fc.property(contextArb, requestArb, (ctx, req) => {
        const d = evaluateCapture(req, ctx)
        for (const p of d.permittedPurposes) expect(req.purposes).toContain(p)
        if (d.verdict === 'allow') expect(d.permittedPurposes).toEqual([...new Set(req.purposes)])
      }),
      { numRuns: 300 },
    )
  })

  it('tagging one more child never turns a block into an allow, nor widens the purposes', () => {
    fc.assert(
      fc.property(
        contextArb,
        requestArb,
        fc.constantFrom(...CHILD_IDS, 'stranger'),
        (ctx, req, extra) => {
          fc.pre(!req.childIds.includes(extra))
          const before = evaluateCapture(req, ctx)
          const after = evaluateCapture({ ...req, childIds: [...req.childIds, extra] }, ctx)
          if (before.verdict === 'block') expect(after.verdict).toBe('block')
          for (const p of after.permittedPurposes) expect(before.permittedPurposes).toContain(p)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('withdrawing any consent never turns a block into an allow, nor widens the purposes', () => {
    fc.assert(
      fc.property(
        contextArb,
        requestArb,
        fc.constantFrom(...CHILD_IDS),
        purpose,
        (ctx, req, childId, p) => {
          const heads = ctx.consents.filter(
            (c) =>
              c.childId === childId &&
              c.purpose === p &&
              !ctx.consents.some((o) => o.supersedes === c.id),
          )
          const withdrawal: ConsentRecord = {
            id: 'withdrawal',
            childId,
            purpose: p,
            status: 'withdrawn',
            givenBy: { name: 'Parent', relationship: 'mother', parentalResponsibility: true },
            recordedAt: '2026-11-22T09:30:00Z',
            recordedBy: 'm1',
            reviewDue: null,
            supersedes: heads[0]?.id ?? null,
          }
          const before = evaluateCapture(req, ctx)
          const after = evaluateCapture(req, { ...ctx, consents: [...ctx.consents, withdrawal] })
          // A child who is not in the photo: their consents change nothing at all.
          if (!req.childIds.includes(childId)) {
            expect(after).toEqual(before)
            return
          }
          // A child in it: the verdict is never milder, a withdrawn purpose that was asked for
          // is no longer permitted, and nothing is permitted that was not before.
          expect(RANK[after.verdict]).toBeGreaterThanOrEqual(RANK[before.verdict])
          if (req.purposes.includes(p)) expect(after.permittedPurposes).not.toContain(p)
          for (const q of after.permittedPurposes) expect(before.permittedPurposes).toContain(q)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('the order of the consent history does not change the decision', () => {
    fc.assert(
      fc.property(contextArb, requestArb, (ctx, req) => {
        const reversed = { ...ctx, consents: [...ctx.consents].reverse() }
        expect(evaluateCapture(req, reversed)).toEqual(evaluateCapture(req, ctx))
      }),
      { numRuns: 150 },
    )
  })
})
