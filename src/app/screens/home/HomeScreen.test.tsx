// @vitest-environment jsdom
// Home's counts of consent reviews are the reviews page's: the same children, one number.
import { cleanup, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEMO_STAFF, seedDemoIfEmpty, type ConsentLensDb } from '../../../db/index.ts'
import { freshDb } from '../../../../tests/support/testDb.ts'
import { resetWorkspaces } from '../../session/workspaces.ts'
import { renderInWorkspace } from '../../../../tests/support/renderInWorkspace.tsx'
import { ReviewsScreen } from '../reviews/ReviewsScreen.tsx'
import { HomeScreen } from './HomeScreen.tsx'
import { demoPinVerifier } from '../../../../tests/support/testSigners.ts'

let db: ConsentLensDb
beforeEach(async () => {
  db = freshDb()
  await seedDemoIfEmpty(db, new Date().toISOString(), demoPinVerifier)
  resetWorkspaces()
})
afterEach(async () => {
  cleanup()
  await db.delete()
})

async function reviewsPageCounts(): Promise<[number, number]> {
  await renderInWorkspace(db, DEMO_STAFF.manager.id, <ReviewsScreen />)
  const count = (name: RegExp) =>
    within(screen.getByRole('region', { name })).queryAllByRole('listitem').length
  await screen.findByRole('region', { name: /Overdue/ })
  const counts: [number, number] = [count(/Overdue/), count(/Due in the next 30 days/)]
  cleanup()
  return counts
}

describe('Home’s consent reviews', () => {
  it('counts what the reviews page lists, in children', async () => {
    const [overdue, dueSoon] = await reviewsPageCounts()
    expect(overdue).toBeGreaterThan(0)
    expect(dueSoon).toBeGreaterThan(0)
    const children = (n: number) => (n === 1 ? '1 child' : `${String(n)} children`)
    await renderInWorkspace(db, DEMO_STAFF.manager.id, <HomeScreen />)
    const words = `${children(overdue)} overdue, ${String(dueSoon)} due in the next 30 days`
    expect(await screen.findByText(`${words}.`)).toBeTruthy()
    const alerts = await screen.findByRole('region', { name: 'Needs your attention' })
    expect(await within(alerts).findByText(`Consent reviews: ${words}`)).toBeTruthy()
  })
})
