import { describe, expect, it } from 'vitest'
import { FRESH_LOCKOUT_STATE, afterWrongPin, lockedUntil, lockoutMinutes } from './pinLockout.ts'

describe('lockout arithmetic', () => {
  it.each([
    [0, 5],
    [1, 10],
    [2, 20],
    [3, 40],
  ])('after %i earlier lockouts the next lasts %i minutes', (n, minutes) => {
    expect(lockoutMinutes(n)).toBe(minutes)
  })

  it('stops doubling before dates overflow', () => {
    const state = { ...FRESH_LOCKOUT_STATE, failedAttempts: 4, lockouts: 10_000 }
    const next = afterWrongPin(state, '2026-01-01T00:00:00.000Z')
    expect(next.lockedUntil).not.toBeNull()
    expect(lockedUntil(next, '2030-01-01T00:00:00.000Z')).toBe(next.lockedUntil)
  })
})
