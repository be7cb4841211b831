// The demo's records read like a setting's: people's names and form references, never the
// demo's internal keys ("Parent of reviewOverdue", "DEMO-learningJourneyWithdrawn-b").
import { describe, expect, it } from 'vitest'
import { demoConsents } from './demoConsents.ts'
import { DEMO_CHILD_KEYS } from './demoRoster.ts'

describe('demo consents', () => {
  it('name parents and forms in words staff read, with no internal key', () => {
    const records = demoConsents('2026-11-29T09:00:00.000Z')
    expect(records.length).toBeGreaterThan(50)
    const words = records.flatMap((r) => [r.givenBy.name, r.formRef ?? ''])
    for (const key of DEMO_CHILD_KEYS)
      expect(
        words.filter((w) => w.includes(key)),
        key,
      ).toEqual([])
    expect(words.filter((w) => /DEMO-|Parent of|Grandparent of/.test(w))).toEqual([])
    expect(new Set(records.map((r) => r.formRef)).has('Sample form 01a')).toBe(true)
  })
})
