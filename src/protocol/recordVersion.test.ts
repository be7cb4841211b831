import { describe, expect, it } from 'vitest'
import { compareVersions, nextVersion } from './recordVersion.ts'

describe('compareVersions', () => {
  it.each([
    [
      'a higher version, whatever the time',
      { version: 3, updatedAt: '2026-01-01T00:00:00Z' },
      { version: 2, updatedAt: '2026-06-01T00:00:00Z' },
      1,
    ],
    [
      'the same version edited later',
      { version: 2, updatedAt: '2026-06-01T10:05:00Z' },
      { version: 2, updatedAt: '2026-06-01T10:00:00Z' },
      1,
    ],
    [
      'the same moment in another offset',
      { version: 2, updatedAt: '2026-06-01T11:00:00+01:00' },
      { version: 2, updatedAt: '2026-06-01T10:00:00Z' },
      0,
    ],
    [
      'any version against a row from before versions',
      { version: 1, updatedAt: '2026-06-01T10:00:00Z' },
      {},
      1,
    ],
    ['two rows from before versions', {}, {}, 0],
  ])('%s', (_what, a, b, sign) => {
    expect(Math.sign(compareVersions(a, b))).toBe(sign)
    expect(Math.sign(compareVersions(b, a))).toBe(-sign || 0)
  })

  it('numbers an edit one above what it edited, at the time of the edit', () => {
    expect(nextVersion(undefined, '2026-06-01T10:00:00Z')).toEqual({
      version: 1,
      updatedAt: '2026-06-01T10:00:00Z',
    })
    expect(nextVersion({ version: 4 }, '2026-06-01T10:00:00Z')).toMatchObject({ version: 5 })
  })
})
