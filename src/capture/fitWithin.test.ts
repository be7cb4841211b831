import { describe, expect, it } from 'vitest'
import { fitWithin, MAX_EDGE, THUMB_EDGE } from './fitWithin.ts'

describe('fitWithin', () => {
  it.each([
    [{ width: 4032, height: 3024 }, MAX_EDGE, { width: 2048, height: 1536 }],
    [{ width: 3024, height: 4032 }, MAX_EDGE, { width: 1536, height: 2048 }],
    [{ width: 1920, height: 1080 }, MAX_EDGE, { width: 1920, height: 1080 }],
    [{ width: 1920, height: 1080 }, THUMB_EDGE, { width: 320, height: 180 }],
    [{ width: 10000, height: 10 }, THUMB_EDGE, { width: 320, height: 1 }],
  ])('fits %j within %i px', (size, edge, expected) => {
    expect(fitWithin(size, edge)).toEqual(expected)
  })

  it('refuses an image without a size', () => {
    expect(() => fitWithin({ width: 0, height: 10 }, MAX_EDGE)).toThrow(RangeError)
  })
})
