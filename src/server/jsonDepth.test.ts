import { describe, expect, it } from 'vitest'
import { nestsDeeperThan } from './jsonDepth.ts'

describe('nestsDeeperThan', () => {
  it.each([
    ['{"a":[1,{"b":2}]}', 3, false],
    ['{"a":[1,{"b":2}]}', 2, true],
    ['"[[[[[[" ', 1, false],
    ['{"a":"\\"[[[["}', 1, false],
    [`${'['.repeat(65)}${']'.repeat(65)}`, 64, true],
    [`${'['.repeat(64)}${']'.repeat(64)}`, 64, false],
  ])('%s deeper than %i: %s', (text, max, expected) => {
    expect(nestsDeeperThan(text, max)).toBe(expected)
  })
})
