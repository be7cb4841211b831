// @vitest-environment jsdom
// Home shows every job to everyone, from the roles table: what a person may not do is greyed
// with why. Its counts of consent reviews are the reviews page's: the same children, one number.
import { cleanup, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { DEMO_STAFF, type ConsentLensDb } from '../../../db/index.ts'
import { deniedMessage } from '../../../policy/index.ts'
import { demoDb } from '../../../../tests/support/demoDb.ts'
import { renderInWorkspace } from '../../../../tests/support/renderInWorkspace.tsx'
import { ReviewsScreen } from '../reviews/ReviewsScreen.tsx'
import { HomeScreen } from './HomeScreen.tsx'
import { HOME_TILES } from './homeTiles.ts'

let db: ConsentLensDb
beforeEach(async () => {
  db = await demoDb()
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

function tile(label: string): HTMLButtonElement {
  return screen.getByRole('button', { name: new RegExp(`^${label}`) })
}

async function homeOf(staffId: string) {
  const { navigation } = await renderInWorkspace(db, staffId, <HomeScreen />)
  await screen.findByRole('heading', { level: 1, name: /Hello/ })
  return navigation
}

describe('Home’s tiles', () => {
  it('gives a practitioner the room’s jobs, and says why the rest are not theirs', async () => {
    const navigation = await homeOf(DEMO_STAFF.practitioner.id)
    expect(screen.getAllByRole('button')).toHaveLength(HOME_TILES.length)
    for (const label of ['Take a photo', 'Who can be photographed', 'Photos on this tablet']) {
      expect(tile(label).disabled).toBe(false)
    }
    expect(tile('This tablet').disabled).toBe(false)
    const others = screen.getByRole('region', { name: 'Other jobs in ConsentLens' })
    const library = within(others).getByRole('button', { name: /^Photos of the setting/ })
    expect((library as HTMLButtonElement).disabled).toBe(true)
    expect(library.textContent).toContain(deniedMessage('view-photo-library'))
    expect(tile('Removal list').textContent).toContain(deniedMessage('manage-removals'))
    expect(tile('Daily photo audit').disabled).toBe(true)
    expect(tile('Consent reviews').textContent).toContain(deniedMessage('record-consent'))
    expect(screen.queryByRole('region', { name: 'Needs your attention' })).toBeNull()
    await userEvent.setup().click(tile('Photos on this tablet'))
    expect(navigation.getState().screen).toEqual({ name: 'photos' })
  })

  it('gives a keyworker their key children’s photos, and not the manager’s jobs', async () => {
    await homeOf(DEMO_STAFF.keyworker.id)
    expect(screen.getAllByRole('button')).toHaveLength(HOME_TILES.length)
    expect(tile('Photos of the setting').disabled).toBe(false)
    expect(tile('Take a photo').disabled).toBe(false)
    expect(tile('Staff and photo permission').textContent).toContain(
      deniedMessage('authorise-staff'),
    )
    expect(tile('Tablets').disabled).toBe(true)
  })

  it('gives the manager every job, with nothing greyed', async () => {
    const navigation = await homeOf(DEMO_STAFF.manager.id)
    const buttons = screen.getAllByRole<HTMLButtonElement>('button', { name: /./ })
    const tiles = buttons.filter((b) => b.dataset.tile !== undefined)
    expect(tiles.map((b) => b.dataset.tile)).toEqual(HOME_TILES.map((t) => t.id))
    expect(tiles.every((b) => !b.disabled)).toBe(true)
    expect(screen.queryByRole('region', { name: 'Other jobs in ConsentLens' })).toBeNull()
    await userEvent.setup().click(tile('Removal list'))
    expect(navigation.getState().screen).toEqual({ name: 'removals' })
  })
})
