import { describe, expect, it } from 'vitest'
import { BASE_DELAY_MS, MAX_DELAY_MS, backoffDelay } from './backoff.ts'

describe('backoffDelay', () => {
  it('does not wait before a first try', () => {
    expect(backoffDelay(0, () => 0.5)).toBe(0)
  })

  it.each([
    [1, BASE_DELAY_MS],
    [2, BASE_DELAY_MS * 2],
    [3, BASE_DELAY_MS * 4],
    [30, MAX_DELAY_MS],
  ])('after %i failures waits between half and all of %i ms', (failures, ceiling) => {
    expect(backoffDelay(failures, () => 0)).toBe(ceiling / 2)
    expect(backoffDelay(failures, () => 0.999999)).toBeLessThanOrEqual(ceiling)
    expect(backoffDelay(failures, () => 0.999999)).toBeGreaterThan(ceiling * 0.99)
  })
})
