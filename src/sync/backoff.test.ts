import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { BASE_DELAY_MS, MAX_DELAY_MS, backoffDelay } from './backoff.ts'

describe('backoffDelay', () => {
  it('does not wait before a first try', () => {
    expect(backoffDelay(0, () => 0.5)).toBe(0)
  })

  // Full jitter: anywhere from nothing to the whole ceiling, so tablets that failed together
  // spread over the whole window (equal jitter would keep them all in its upper half).
  it.each([
    [1, BASE_DELAY_MS],
    [2, BASE_DELAY_MS * 2],
    [3, BASE_DELAY_MS * 4],
    [30, MAX_DELAY_MS],
  ])('after %i failures waits from 0 to all of %i ms (full jitter)', (failures, ceiling) => {
    expect(backoffDelay(failures, () => 0)).toBe(0)
    expect(backoffDelay(failures, () => 0.25)).toBe(ceiling / 4)
    expect(backoffDelay(failures, () => 0.5)).toBe(ceiling / 2)
    expect(backoffDelay(failures, () => 0.999999)).toBeLessThanOrEqual(ceiling)
    expect(backoffDelay(failures, () => 0.999999)).toBeGreaterThan(ceiling * 0.99)
  })

  it('stays within 0 and the capped ceiling for any failure count and draw', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (failures, draw) => {
          const delay = backoffDelay(failures, () => draw)
          const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (failures - 1))
          expect(delay).toBeGreaterThanOrEqual(0)
          expect(delay).toBeLessThanOrEqual(ceiling)
          expect(delay).toBe(Math.round(draw * ceiling))
        },
      ),
    )
  })
})
