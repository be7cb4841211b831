import { describe, expect, it } from 'vitest'
import { photoBalance } from './photoBalance.ts'

const windows = {
  weekFrom: '2026-11-17T00:00:00.000Z',
  monthFrom: '2026-10-25T00:00:00.000Z',
  until: '2026-11-24T00:00:00.000Z',
}
const children = ['a', 'b', 'c', 'd'].map((id) => ({ id, name: id.toUpperCase() }))
const shot = (takenAt: string, childIds: string[], deleted: unknown = null) => ({
  takenAt,
  childIds,
  deleted,
})

describe('photoBalance', () => {
  it('counts kept photos per child in the last 7 and 30 days, and picks out none and few', () => {
    const photos = [
      ...Array.from({ length: 6 }, () => shot('2026-11-20T10:00:00.000Z', ['a'])),
      ...Array.from({ length: 4 }, () => shot('2026-11-21T10:00:00.000Z', ['b'])),
      shot('2026-11-22T10:00:00.000Z', ['c']),
      shot('2026-11-01T10:00:00.000Z', ['d']),
      shot('2026-11-22T10:00:00.000Z', ['d'], { at: 'x' }), // deleted: not counted
      shot('2026-11-24T00:00:00.000Z', ['d']), // after the day audited
      shot('2026-10-01T00:00:00.000Z', ['d']), // before the month
    ]
    const tally = photoBalance(children, photos, windows)
    expect(tally.map((t) => [t.childId, t.week, t.weekBalance, t.month, t.monthBalance])).toEqual([
      ['a', 6, 'ok', 6, 'ok'],
      ['b', 4, 'ok', 4, 'ok'],
      ['c', 1, 'few', 1, 'few'],
      ['d', 0, 'none', 1, 'few'],
    ])
  })

  it('counts a child tagged twice in one photo once', () => {
    const tally = photoBalance(
      children.slice(0, 1),
      [shot('2026-11-20T10:00:00.000Z', ['a', 'a'])],
      windows,
    )
    expect(tally[0]?.week).toBe(1)
  })
})
