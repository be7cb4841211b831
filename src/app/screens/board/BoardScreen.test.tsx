// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import {
  DEMO_SHOWCASE,
  DEMO_STAFF,
  withdrawConsent,
  type ConsentLensDb,
} from '../../../db/index.ts'
import { demoDb } from '../../../../tests/support/demoDb.ts'
import { testSigner } from '../../../../tests/support/testSigners.ts'
import { renderInWorkspace } from '../../../../tests/support/renderInWorkspace.tsx'
import { BoardScreen } from './BoardScreen.tsx'

const CATERPILLARS = DEMO_STAFF.keyworker.roomId
const BUTTERFLIES = DEMO_STAFF.practitioner.roomId
let db: ConsentLensDb

beforeEach(async () => {
  db = await demoDb()
})

function strip() {
  return screen.getByRole('region', { name: /Not to be photographed now/ })
}

function card(name: string) {
  const heading = screen.getByRole('heading', { level: 3, name })
  const item = heading.closest('li')
  if (item === null) throw new Error(`No card for ${name}`)
  return item
}

describe('BoardScreen', () => {
  it('lists who must not be photographed now, each with the reason in words', async () => {
    await renderInWorkspace(db, DEMO_STAFF.practitioner.id, <BoardScreen roomId={BUTTERFLIES} />)
    await screen.findByRole('heading', { level: 2, name: /Butterflies: 9 children/ })
    const items = within(strip()).getAllByRole('listitem')
    const texts = items.map((item) => item.textContent)
    expect(texts).toHaveLength(3)
    expect(texts[0]).toMatch(/Arlo Jessop.*Injury recorded: no photos until the manager clears/)
    expect(texts[1]).toMatch(/Esme Kirkby.*No consent on record for learning journey/)
    // Photographable for displays, but not for the learning journey the camera preselects.
    expect(texts[2]).toMatch(/Finn Lowther.*Consent withdrawn for learning journey/)
  })

  it('gives the reason for a review overdue and a grant without parental responsibility', async () => {
    await renderInWorkspace(db, DEMO_STAFF.keyworker.id, <BoardScreen roomId={CATERPILLARS} />)
    await screen.findByRole('heading', { level: 2, name: /Caterpillars/ })
    const text = strip().textContent
    expect(text).toMatch(/Leo Dunmore.*Consent review overdue.*No photos for any purpose/)
    expect(text).toMatch(/Maya Elswick.*without parental responsibility/)
  })

  it('shows each purpose by icon and word, not colour alone, and marks key children', async () => {
    await renderInWorkspace(db, DEMO_STAFF.keyworker.id, <BoardScreen roomId={CATERPILLARS} />)
    const noah = await waitFor(() => card('Noah Birchwood'))
    const group = within(noah).getByText('Group photos').closest('li')
    expect(group?.textContent).toContain('Refused')
    expect(group?.querySelector('svg[aria-hidden="true"]')).not.toBeNull()
    expect(within(noah).getByText(/Your key child/)).toBeTruthy()
    expect(within(noah).getAllByRole('listitem')).toHaveLength(7)
  })

  it('finds a child by name whatever the accents and case', async () => {
    await db.children.add({
      id: 'zoe',
      firstName: 'Zoë',
      lastName: 'Ørsted',
      roomId: CATERPILLARS,
      keyworkerId: DEMO_STAFF.keyworker.id,
      dateOfBirth: '2023-05-01',
      leavingDate: null,
    })
    const { user } = await renderInWorkspace(
      db,
      DEMO_STAFF.keyworker.id,
      <BoardScreen roomId={CATERPILLARS} />,
    )
    await screen.findByRole('heading', { level: 2, name: /Caterpillars: 10 children/ })
    await user.type(screen.getByLabelText('Find a child'), 'ZOE')
    await screen.findByRole('heading', { level: 2, name: /1 of 10 children/ })
    expect(card('Zoë Ørsted')).toBeTruthy()
    // The safety strip is never hidden by a search.
    expect(strip().textContent).toMatch(/Leo Dunmore/)
  })

  it('filters by purpose, and the strip follows the purpose', async () => {
    // With all purposes the strip speaks of the setting's default (the learning journey);
    // with group photos chosen, of group photos.
    const { user } = await renderInWorkspace(
      db,
      DEMO_STAFF.keyworker.id,
      <BoardScreen roomId={CATERPILLARS} />,
    )
    await screen.findByRole('heading', { level: 2, name: /Caterpillars/ })
    expect(strip().textContent).toMatch(/Isla Cotton.*Consent withdrawn for learning journey/)
    expect(strip().textContent).not.toMatch(/Noah Birchwood/)
    await user.selectOptions(screen.getByLabelText('Show consent for'), 'group_photo')
    expect(strip().textContent).toMatch(/Noah Birchwood.*Parent refused consent for group photos/)
    expect(strip().textContent).not.toMatch(/Isla Cotton/)
    await user.selectOptions(screen.getByLabelText('Show consent for'), 'learning_journey')
    const isla = card('Isla Cotton')
    expect(within(isla).getAllByRole('listitem')).toHaveLength(1)
    expect(isla.textContent).toMatch(/Learning journey.*Withdrawn/)
    expect(strip().textContent).toMatch(/Isla Cotton.*Consent withdrawn for learning journey/)
  })

  it('changes the moment consent is withdrawn on this tablet', async () => {
    await renderInWorkspace(db, DEMO_STAFF.keyworker.id, <BoardScreen roomId={CATERPILLARS} />)
    const ava = DEMO_SHOWCASE.allGranted
    await waitFor(() => card('Ava Appleby'))
    expect(strip().textContent).not.toMatch(/Ava Appleby/)
    const result = await withdrawConsent(
      db,
      {
        childId: ava.id,
        purposes: 'all',
        givenBy: { name: 'A parent', relationship: 'father', parentalResponsibility: true },
      },
      await testSigner(db, DEMO_STAFF.manager.id),
      new Date().toISOString(),
    )
    expect(result.ok).toBe(true)
    await waitFor(() => {
      expect(strip().textContent).toMatch(/Ava Appleby.*Consent withdrawn/)
    })
    expect(card('Ava Appleby').textContent).not.toMatch(/Yes/)
  })

  it('opens the child page when a card is tapped', async () => {
    const { user, navigation } = await renderInWorkspace(
      db,
      DEMO_STAFF.keyworker.id,
      <BoardScreen roomId={CATERPILLARS} />,
    )
    await user.click(await screen.findByRole('button', { name: 'Leo Dunmore' }))
    expect(navigation.getState().screen).toEqual({
      name: 'child',
      childId: DEMO_SHOWCASE.reviewOverdue.id,
    })
  })

  it('gives Isla one answer on her card and in the strip, for the purpose looked at', async () => {
    const { user } = await renderInWorkspace(
      db,
      DEMO_STAFF.keyworker.id,
      <BoardScreen roomId={CATERPILLARS} />,
    )
    const isla = await waitFor(() => card('Isla Cotton'))
    expect(strip().textContent).toMatch(/Isla Cotton/)
    expect(within(isla).getByText('Not to be photographed for learning journey')).toBeTruthy()
    expect(within(card('Ava Appleby')).getByText(/^May be photographed/)).toBeTruthy()
    await user.selectOptions(screen.getByLabelText('Show consent for'), 'display')
    expect(strip().textContent).not.toMatch(/Isla Cotton/)
    expect(within(card('Isla Cotton')).getByText(/^May be photographed for displays/)).toBeTruthy()
  })

  it('never shows a green Yes on the card of an injured child', async () => {
    await renderInWorkspace(db, DEMO_STAFF.practitioner.id, <BoardScreen roomId={BUTTERFLIES} />)
    const arlo = await waitFor(() => card('Arlo Jessop'))
    expect(within(arlo).getByText('Not to be photographed now')).toBeTruthy()
    const badges = [...arlo.querySelectorAll('.consent-badge')]
    expect(badges.length).toBeGreaterThan(0)
    expect(badges.filter((b) => b.getAttribute('class')?.includes('--yes'))).toEqual([])
    expect(arlo.textContent).not.toMatch(/Yes/)
    expect(arlo.textContent).toMatch(/Not now: injury/)
  })

  it('finds a child in another room, and says which room', async () => {
    const { user } = await renderInWorkspace(
      db,
      DEMO_STAFF.keyworker.id,
      <BoardScreen roomId={CATERPILLARS} />,
    )
    await screen.findByRole('heading', { level: 2, name: /Caterpillars: 9 children/ })
    await user.type(screen.getByLabelText('Find a child'), 'arlo')
    await screen.findByRole('heading', {
      level: 2,
      name: 'Caterpillars: 0 of 9 children; 1 in other rooms',
    })
    expect(within(card('Arlo Jessop')).getByText('In Butterflies')).toBeTruthy()
    // This room's children come first, and carry no room.
    await user.clear(screen.getByLabelText('Find a child'))
    await user.type(screen.getByLabelText('Find a child'), 'o')
    const names = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent)
    expect(names.indexOf('Noah Birchwood')).toBeLessThan(names.indexOf('Otis Pemberton'))
    expect(within(card('Noah Birchwood')).queryByText(/^In /)).toBeNull()
  })

  it('opens the child page for the purpose the board shows', async () => {
    const { user, navigation } = await renderInWorkspace(
      db,
      DEMO_STAFF.keyworker.id,
      <BoardScreen roomId={CATERPILLARS} />,
    )
    await user.selectOptions(await screen.findByLabelText('Show consent for'), 'display')
    await user.click(await screen.findByRole('button', { name: 'Leo Dunmore' }))
    expect(navigation.getState().screen).toEqual({
      name: 'child',
      childId: DEMO_SHOWCASE.reviewOverdue.id,
      purpose: 'display',
    })
  })

  it('keeps the room chosen in the screen, so Back from a child returns to it', async () => {
    const { user, navigation } = await renderInWorkspace(
      db,
      DEMO_STAFF.manager.id,
      <BoardScreen roomId={BUTTERFLIES} />,
    )
    await user.click(await screen.findByRole('button', { name: /^Caterpillars/ }))
    expect(navigation.getState().screen).toEqual({ name: 'board', roomId: CATERPILLARS })
  })
})
