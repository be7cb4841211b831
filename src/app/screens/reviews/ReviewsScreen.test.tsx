// @vitest-environment jsdom
import { screen, within } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import { DEMO_SHOWCASE, DEMO_STAFF, recordConsent, type ConsentLensDb } from '../../../db/index.ts'
import { demoDb } from '../../../../tests/support/demoDb.ts'
import { testSigner } from '../../../../tests/support/testSigners.ts'
import { renderInWorkspace } from '../../../../tests/support/renderInWorkspace.tsx'
import { ReviewsScreen } from './ReviewsScreen.tsx'

let db: ConsentLensDb

beforeEach(async () => {
  db = await demoDb()
})

function section(name: RegExp) {
  return within(screen.getByRole('region', { name }))
}

describe('ReviewsScreen', () => {
  it('lists overdue reviews and those due in the next 30 days, one line per child', async () => {
    await renderInWorkspace(db, DEMO_STAFF.manager.id, <ReviewsScreen />)
    await screen.findByRole('heading', { level: 2, name: /Overdue/ })
    const overdue = section(/Overdue/)
    expect(overdue.getAllByRole('listitem')).toHaveLength(1)
    expect(overdue.getByRole('button', { name: 'Leo Dunmore' })).toBeTruthy()
    expect(overdue.getByText(/For learning journey, group photos/)).toBeTruthy()
    const soon = section(/Due in the next 30 days/)
    expect(soon.getByRole('button', { name: 'Lola Oakworth' })).toBeTruthy()
  })

  it('opens the child from the list, and drops a child once the form is renewed', async () => {
    const { user, navigation } = await renderInWorkspace(
      db,
      DEMO_STAFF.manager.id,
      <ReviewsScreen />,
    )
    await user.click(await screen.findByRole('button', { name: 'Leo Dunmore' }))
    expect(navigation.getState().screen).toEqual({
      name: 'child',
      childId: DEMO_SHOWCASE.reviewOverdue.id,
    })
    const decisions = {
      learning_journey: 'granted',
      group_photo: 'granted',
      display: 'granted',
      website: 'granted',
      social_parents: 'granted',
      social_public: 'granted',
    } as const
    const givenBy = { name: 'A parent', relationship: 'mother', parentalResponsibility: true }
    const childId = DEMO_SHOWCASE.reviewOverdue.id
    const saved = await recordConsent(
      db,
      { childId, decisions, givenBy },
      await testSigner(db, DEMO_STAFF.manager.id),
      new Date().toISOString(),
    )
    expect(saved.ok).toBe(true)
    await screen.findByText('No consent is past its review date.')
  })

  it('tells anyone but the manager who deals with reviews', async () => {
    await renderInWorkspace(db, DEMO_STAFF.keyworker.id, <ReviewsScreen />)
    expect(screen.getByText(/Only the manager can record a consent form/)).toBeTruthy()
    expect(screen.queryByRole('region', { name: /Overdue/ })).toBeNull()
  })
})
