// Malformed input is refused with an error that names the field; it is never evaluated.
import { describe, expect, it } from 'vitest'
import { makeContext, makeRequest } from '../../tests/support/policyFixture.ts'
import {
  evaluateCapture,
  PolicyInputError,
  type CaptureRequest,
  type PolicyContext,
} from './index.ts'

function refusal(request: unknown, context: unknown = makeContext()): PolicyInputError {
  try {
    evaluateCapture(request as CaptureRequest, context as PolicyContext)
  } catch (error) {
    if (error instanceof PolicyInputError) return error
    throw error
  }
  throw new Error('expected the input to be refused')
}

describe('malformed input', () => {
  it('names an unknown purpose', () => {
    const e = refusal({ ...makeRequest(), purposes: ['learning_journey', 'selfie'] })
    expect(e.issues.map((i) => i.field)).toEqual(['request.purposes[1]'])
    expect(e.message).toContain('request.purposes[1]')
  })

  it('names a missing field', () => {
    const { caption: _caption, ...rest } = makeRequest()
    expect(refusal(rest).issues.map((i) => i.field)).toEqual(['request.caption'])
  })

  it('names a field of the wrong type', () => {
    const bad = { ...makeRequest(), adultInFrame: 'no', childIds: 'c1' }
    expect(
      refusal(bad)
        .issues.map((i) => i.field)
        .sort(),
    ).toEqual(['request.adultInFrame', 'request.childIds'])
  })

  it('refuses a time without an offset, which would depend on the device’s time zone', () => {
    expect(refusal({ ...makeRequest(), at: '2026-11-22T10:00:00' }).issues[0]?.field).toBe(
      'request.at',
    )
  })

  it('names a bad field deep in the context', () => {
    const ctx = makeContext()
    const consents = ctx.consents.map((c, i) =>
      i === 2 ? { ...c, givenBy: { name: 'x', relationship: 'y' } } : c,
    )
    const e = refusal(makeRequest(), { ...ctx, consents })
    expect(e.issues.map((i) => i.field)).toEqual([
      'context.consents[2].givenBy.parentalResponsibility',
    ])
  })

  it.each([null, undefined, 42, 'request', []])('refuses a request that is %j', (value) => {
    expect(refusal(value)).toBeInstanceOf(PolicyInputError)
  })

  // SCENARIOS.md: a context that lists the same id twice is refused, never evaluated, so that
  // "s2 not allowed, s2 allowed" cannot be read as allowed whichever copy a lookup keeps.
  it.each([
    ['staff', 'staff', { id: 's2', name: 'Tom Reed', canCapture: true }],
    ['devices', 'devices', { id: 'd2', enrolled: true, revoked: false }],
    ['locations', 'locations', { id: 'toilets', name: 'Toilets', kind: 'room' }],
    ['children', 'children', { id: 'c1', firstName: 'Amelia', lastName: 'Jones', injuries: [] }],
  ] as const)(
    '[staff-not-authorised][device-not-enrolled][prohibited-location] refuses a context listing an id twice in %s',
    (_what, key, duplicate) => {
      const ctx = makeContext()
      const list = [...(ctx[key] as readonly object[]), duplicate]
      const e = refusal(makeRequest(), { ...ctx, [key]: list })
      const index = list.length - 1
      expect(e.issues.map((i) => i.field)).toEqual([`context.${key}[${index}].id`])
      expect(e.message).toMatch(/listed twice/)
    },
  )

  it('[consent-withdrawn] refuses a context listing a consent record id twice', () => {
    const ctx = makeContext()
    const first = ctx.consents[0]
    if (first === undefined) throw new Error('fixture has consents')
    const e = refusal(makeRequest(), {
      ...ctx,
      consents: [...ctx.consents, { ...first, status: 'withdrawn' }],
    })
    expect(e.issues.map((i) => i.field)).toEqual([`context.consents[${ctx.consents.length}].id`])
  })

  it('refuses an unknown location kind in the context', () => {
    const ctx = makeContext()
    const e = refusal(makeRequest(), {
      ...ctx,
      locations: [{ id: 'room', name: 'Room', kind: 'cupboard' }],
    })
    expect(e.issues[0]?.field).toBe('context.locations[0].kind')
  })
})
