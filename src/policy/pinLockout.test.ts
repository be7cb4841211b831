import { describe, expect, it } from 'vitest'
import {
  FRESH_LOCKOUT_STATE,
  afterWrongPin,
  lockedUntil,
  lockoutEndsAt,
  lockoutMinutes,
} from './pinLockout.ts'

describe('lockout arithmetic', () => {
  it.each([
    [0, 5],
    [1, 10],
    [2, 20],
    [3, 40],
    [4, 60],
    [5, 60],
    [1_000_000, 60],
  ])('after %i earlier lockouts the next lasts %i minutes', (n, minutes) => {
    expect(lockoutMinutes(n)).toBe(minutes)
  })

  it('never locks anyone out for more than an hour, however many lockouts came before', () => {
    const state = { ...FRESH_LOCKOUT_STATE, failedAttempts: 4, lockouts: 10_000 }
    const next = afterWrongPin(state, '2026-01-01T00:00:00.000Z')
    expect(next.lockedUntil).toBe('2026-01-01T01:00:00.000Z')
    expect(lockedUntil(next, '2026-01-01T00:59:59.999Z')).toBe(next.lockedUntil)
    expect(lockedUntil(next, '2026-01-01T01:00:00.000Z')).toBeNull()
  })
})

describe('lockoutEndsAt (the tablet and the server)', () => {
  it.each([
    [0, '2026-05-01T09:05:00.000Z'],
    [1, '2026-05-01T09:10:00.000Z'],
    [4, '2026-05-01T10:00:00.000Z'],
    [40, '2026-05-01T10:00:00.000Z'],
  ])('after %i earlier lockouts ends at %s', (previous, end) => {
    expect(lockoutEndsAt('2026-05-01T09:00:00.000Z', previous)).toBe(end)
  })
})
