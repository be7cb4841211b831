import { afterEach, describe, expect, it } from 'vitest'
import type { ConsentLensDb } from './ConsentLensDb.ts'
import type { StoredConsent } from '../model/records.ts'
import { reviewsDue } from './reviewsDue.ts'
import { ALMA, BODHI, GRANDAD, MANAGER, MOTHER, smallSetting } from '../../tests/support/testDb.ts'

const NOW = '2026-06-15T12:00:00.000Z'
let db: ConsentLensDb

afterEach(async () => {
  await db.delete()
})

function grant(
  id: string,
  childId: string,
  recordedAt: string,
  extra: Partial<StoredConsent> = {},
) {
  const record: StoredConsent = {
    id,
    childId,
    purpose: 'learning_journey',
    status: 'granted',
    givenBy: MOTHER,
    recordedAt,
    recordedBy: MANAGER.id,
    reviewDue: null,
    supersedes: null,
    ...extra,
  }
  return record
}

describe('reviewsDue', () => {
  it('lists overdue and coming reviews by the policy’s effective review date', async () => {
    db = await smallSetting()
    await db.consents.bulkAdd([
      // 12 months after 2025-06-01: overdue on 2026-06-01
      grant('overdue', ALMA.id, '2025-06-01T09:00:00.000Z'),
      // explicit review date in 10 days
      grant('soon', ALMA.id, '2026-01-01T09:00:00.000Z', {
        purpose: 'display',
        reviewDue: '2026-06-25T00:00:00.000Z',
      }),
      // 12 months after 2025-07-10: in 25 days
      grant('soon-default', BODHI.id, '2025-07-10T09:00:00.000Z'),
      // in 40 days: outside the window
      grant('later', BODHI.id, '2025-07-25T09:00:00.000Z', { purpose: 'website' }),
    ])
    const due = await reviewsDue(db, NOW)
    expect(due.overdue.map((i) => [i.recordId, i.reviewDue])).toEqual([
      ['overdue', '2026-06-01T09:00:00.000Z'],
    ])
    expect(due.dueSoon.map((i) => i.recordId)).toEqual(['soon', 'soon-default'])
    expect(due.dueSoon[0]).toMatchObject({ childName: 'Alma Tester', purpose: 'display' })
    expect((await reviewsDue(db, NOW, 60)).dueSoon.map((i) => i.recordId)).toContain('later')
  })

  it('leaves out refusals, superseded grants, grants without parental responsibility and leavers', async () => {
    db = await smallSetting()
    const old = '2025-01-01T09:00:00.000Z'
    await db.consents.bulkAdd([
      grant('g', ALMA.id, old),
      grant('r', ALMA.id, '2025-02-01T09:00:00.000Z', { status: 'refused', supersedes: 'g' }),
      grant('gp', ALMA.id, old, { purpose: 'display', givenBy: GRANDAD }),
      grant('leaver', BODHI.id, old),
    ])
    await db.children.update(BODHI.id, { leavingDate: '2026-06-01' })
    expect(await reviewsDue(db, NOW)).toEqual({ overdue: [], dueSoon: [] })
  })
})
