// "Consent data last synced …" only after a real sync: the local demo's seeded time is not one.
import { describe, expect, it } from 'vitest'
import { DEMO_DEVICE_ID } from '../../../db/index.ts'
import { freshnessWords } from './useAuditExports.ts'

describe('freshnessWords', () => {
  it('never says the local demo synced', () => {
    const words = freshnessWords({
      id: DEMO_DEVICE_ID,
      consentDataSyncedAt: '2026-11-29T07:44:00Z',
    })
    expect(words).not.toMatch(/last synced/)
    expect(words).toMatch(/never synced/)
  })
  it('says when an enrolled tablet last synced, and when it never has', () => {
    expect(freshnessWords({ id: 'tablet-1', consentDataSyncedAt: '2026-11-23T08:00:00Z' })).toMatch(
      /^Consent data last synced 23 Nov 2026, \d{2}:00$/,
    )
    expect(freshnessWords({ id: 'tablet-1', consentDataSyncedAt: null })).toBe(
      'Consent data never synced with the server',
    )
  })
})
