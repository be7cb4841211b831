// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import {
  DEMO_SHOWCASE,
  DEMO_STAFF,
  consentHistory,
  injuriesOf,
  type ConsentLensDb,
} from '../../../db/index.ts'
import { demoDb } from '../../../../tests/support/demoDb.ts'
import { renderInWorkspace } from '../../../../tests/support/renderInWorkspace.tsx'
import { ChildScreen } from './ChildScreen.tsx'
import { NO_NOTE } from './useInjuryActions.ts'

const AVA = DEMO_SHOWCASE.allGranted
let db: ConsentLensDb

beforeEach(async () => {
  db = await demoDb()
})

function purposeSection(title: string) {
  return screen.getByRole('region', { name: new RegExp(`^${title}`) })
}

describe('ChildScreen', () => {
  it('records an injury in two taps, which stops photos at once', async () => {
    const { user } = await renderInWorkspace(
      db,
      DEMO_STAFF.practitioner.id,
      <ChildScreen childId={AVA.id} />,
    )
    await screen.findByRole('heading', {
      level: 2,
      name: 'May be photographed for learning journey',
    })
    await user.click(screen.getByRole('button', { name: 'Record an injury' }))
    await user.click(screen.getByRole('button', { name: 'Record injury' }))
    await screen.findByRole('heading', { level: 2, name: 'Not to be photographed now' })
    const [injury] = await injuriesOf(db, AVA.id)
    expect(injury?.description).toBe(NO_NOTE)
    expect(injury?.recordedBy).toBe(DEMO_STAFF.practitioner.id)
    // Only the manager clears it.
    expect(screen.queryByRole('button', { name: 'Clear injury' })).toBeNull()
  })

  it('lets the manager clear an injury', async () => {
    const child = DEMO_SHOWCASE.injured
    const { user } = await renderInWorkspace(
      db,
      DEMO_STAFF.manager.id,
      <ChildScreen childId={child.id} />,
    )
    await user.click(await screen.findByRole('button', { name: 'Clear injury' }))
    await screen.findByText(/Injury cleared/)
    expect((await injuriesOf(db, child.id, true)).length).toBe(0)
  })

  it('shows a practitioner the statuses and why, but not who gave consent', async () => {
    await renderInWorkspace(db, DEMO_STAFF.practitioner.id, <ChildScreen childId={AVA.id} />)
    await screen.findByRole('heading', { level: 1, name: 'Ava Appleby' })
    expect(screen.getByText(/Only the manager and a child's keyworker/)).toBeTruthy()
    const lj = purposeSection('Learning journey')
    expect(lj.textContent).toMatch(/Yes/)
    expect(lj.textContent).toMatch(/A parent has given consent/)
    expect(screen.queryByText(/Tom Appleby/)).toBeNull()
    expect(screen.queryByRole('button', { name: 'Withdraw consent' })).toBeNull()
  })

  it('shows the keyworker of a key child who gave consent, when and the review date', async () => {
    await renderInWorkspace(db, DEMO_STAFF.keyworker.id, <ChildScreen childId={AVA.id} />)
    await screen.findByRole('heading', { level: 1, name: 'Ava Appleby' })
    const lj = purposeSection('Learning journey')
    expect(within(lj).getByText('Given by').nextSibling?.textContent).toBe('Tom Appleby, father')
    expect(within(lj).getByText('Parental responsibility').nextSibling?.textContent).toBe('Yes')
    expect(within(lj).getByText('Review due')).toBeTruthy()
    expect(within(lj).getByText('Sample form 01a')).toBeTruthy()
    expect(within(lj).getByText('Form signed').nextSibling?.textContent).toMatch(
      /^\d{1,2} \w{3,4} \d{4}$/,
    )
  })

  it('shows concurrent edits and the whole history to the manager', async () => {
    const { user } = await renderInWorkspace(
      db,
      DEMO_STAFF.manager.id,
      <ChildScreen childId={DEMO_SHOWCASE.concurrentEdits.id} />,
    )
    await screen.findByRole('heading', { level: 1, name: /Finn/ })
    const lj = purposeSection('Learning journey')
    expect(lj.textContent).toMatch(/Withdrawn/)
    expect(lj.textContent).toMatch(/Two tablets recorded different answers/)
    await user.click(within(lj).getByText(/History \(3 records\)/))
    expect(within(lj).getByText('Counts now')).toBeTruthy()
    expect(within(lj).getByText(/Also current/)).toBeTruthy()
    expect(within(lj).getByText(/Replaced by a later record/)).toBeTruthy()
  })

  it('lets the manager withdraw a purpose in two taps and a confirmation', async () => {
    const { user } = await renderInWorkspace(
      db,
      DEMO_STAFF.manager.id,
      <ChildScreen childId={AVA.id} />,
    )
    await user.click(await screen.findByRole('button', { name: 'Withdraw consent' }))
    await user.click(screen.getByRole('button', { name: 'Learning journey' }))
    expect(screen.getByLabelText<HTMLInputElement>('Asked by').value).toBe('Tom Appleby')
    await user.click(screen.getByRole('button', { name: 'Withdraw now' }))
    await screen.findByText(
      /Consent withdrawn for learning journey. No photos for that from now on/,
    )
    await waitFor(() => {
      expect(purposeSection('Learning journey').textContent).toMatch(/Withdrawn/)
    })
    const records = await consentHistory(db, AVA.id, 'learning_journey')
    expect(records.at(-1)).toMatchObject({
      status: 'withdrawn',
      givenBy: { name: 'Tom Appleby', relationship: 'father' },
      recordedBy: DEMO_STAFF.manager.id,
    })
  })

  it('opens the consent form for the manager', async () => {
    const { user, navigation } = await renderInWorkspace(
      db,
      DEMO_STAFF.manager.id,
      <ChildScreen childId={AVA.id} />,
    )
    await user.click(await screen.findByRole('button', { name: 'Record consent from a form' }))
    expect(navigation.getState().screen).toEqual({ name: 'consent-form', childId: AVA.id })
  })

  it('heads Isla’s page with the board’s answer: not for the learning journey, and why', async () => {
    await renderInWorkspace(
      db,
      DEMO_STAFF.keyworker.id,
      <ChildScreen childId={DEMO_SHOWCASE.learningJourneyWithdrawn.id} />,
    )
    const summary = await screen.findByRole('region', {
      name: 'Not to be photographed for learning journey',
    })
    expect(summary.textContent).toMatch(/Consent withdrawn for learning journey/)
    expect(summary.className).toMatch(/--no/)
  })

  it('answers for the purpose the board showed', async () => {
    await renderInWorkspace(
      db,
      DEMO_STAFF.keyworker.id,
      <ChildScreen childId={DEMO_SHOWCASE.learningJourneyWithdrawn.id} purpose="display" />,
    )
    await screen.findByRole('heading', { level: 2, name: /^May be photographed for displays/ })
  })

  it('shows no green Yes beside an injury on Arlo’s page', async () => {
    await renderInWorkspace(
      db,
      DEMO_STAFF.manager.id,
      <ChildScreen childId={DEMO_SHOWCASE.injured.id} />,
    )
    await screen.findByRole('heading', { level: 2, name: 'Not to be photographed now' })
    const badges = [...document.querySelectorAll('.consent-badge')]
    expect(badges.length).toBe(7)
    expect(badges.map((b) => b.textContent)).not.toContain('Yes')
  })
})
