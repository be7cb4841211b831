// How long a photo is kept: each child and purpose gives an end; the photo keeps the latest.
import { describe, expect, it } from 'vitest'
import type { Purpose } from '../../policy/index.ts'
import { addMonths, isPastRetention, photoExpiry, type RetentionFacts } from './photoExpiry.ts'

const TAKEN = '2026-01-31T10:00:00.000Z'
const policy = {
  journeyMonthsAfterLeaving: 3,
  displayMonths: 12,
  publicityMonthsWithoutApproval: 3,
}

function facts(over: Partial<RetentionFacts> = {}): RetentionFacts {
  return {
    policy,
    leavingDate: () => null,
    approvalEnd: () => null,
    useEnd: () => null,
    ...over,
  }
}

const photo = (childIds: string[], purposes: Purpose[]) => ({ takenAt: TAKEN, childIds, purposes })

describe('photoExpiry', () => {
  it('adds calendar months, keeping to the last day of a shorter month', () => {
    expect(addMonths(TAKEN, 1)).toBe('2026-02-28T10:00:00.000Z')
    expect(addMonths('2026-07-24', 3)).toBe('2026-10-24T00:00:00.000Z')
  })

  it.each([
    ['display: 12 months after it was taken', photo(['a'], ['display']), facts(), '2027-01-31'],
    [
      'a journey while the child attends: no end',
      photo(['a'], ['learning_journey']),
      facts(),
      null,
    ],
    [
      'a journey after leaving: the months after the leaving date',
      photo(['a'], ['learning_journey']),
      facts({ leavingDate: () => '2026-07-24' }),
      '2026-10-24',
    ],
    [
      'a group photo stays while any child attends',
      photo(['a', 'b'], ['learning_journey']),
      facts({ leavingDate: (id) => (id === 'a' ? '2026-07-24' : null) }),
      null,
    ],
    [
      'a group photo: the latest leaver decides',
      photo(['a', 'b'], ['learning_journey']),
      facts({ leavingDate: (id) => (id === 'a' ? '2026-07-24' : '2026-09-01') }),
      '2026-12-01',
    ],
    ['publicity without approval: 3 months', photo(['a'], ['publicity']), facts(), '2026-04-30'],
    [
      'publicity: until the approval ends',
      photo(['a'], ['publicity']),
      facts({ approvalEnd: () => '2026-06-01T00:00:00.000Z' }),
      '2026-06-01',
    ],
    [
      'website: until the end recorded with its use',
      photo(['a'], ['website']),
      facts({ useEnd: (p) => (p === 'website' ? '2026-08-01T00:00:00.000Z' : null) }),
      '2026-08-01',
    ],
    [
      'the longest purpose wins: display and journey of a leaver',
      photo(['a'], ['display', 'learning_journey']),
      facts({ leavingDate: () => '2026-02-01' }),
      '2027-01-31',
    ],
  ])('%s', (_name, one, given, end) => {
    const expiry = photoExpiry(one, given)
    expect(expiry.keepUntil?.slice(0, 10) ?? null).toBe(end)
    expect(expiry.why.length).toBeGreaterThan(0)
  })

  it('is past only once its end has come', () => {
    const expiry = photoExpiry(photo(['a'], ['display']), facts())
    expect(isPastRetention(expiry, '2027-01-31T09:59:59.999Z')).toBe(false)
    expect(isPastRetention(expiry, '2027-01-31T10:00:00.000Z')).toBe(true)
    expect(
      isPastRetention(
        photoExpiry(photo(['a'], ['learning_journey']), facts()),
        '2099-01-01T00:00:00.000Z',
      ),
    ).toBe(false)
  })
})
