// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { DEMO_SHOWCASE, DEMO_STAFF, consentHistory, type ConsentLensDb } from '../../../db/index.ts'
import { demoDb } from '../../../../tests/support/demoDb.ts'
import { App } from '../../App.tsx'
import { DbProvider } from '../../data/DbContext.tsx'
import { navigationFor } from '../../stores/sessionStore.ts'
import { renderInWorkspace } from '../../../../tests/support/renderInWorkspace.tsx'
import { ConsentFormScreen } from './ConsentFormScreen.tsx'
import { defaultReview, localDay } from './consentFormModel.ts'

let db: ConsentLensDb

beforeEach(async () => {
  db = await demoDb()
})

async function openForm(childId: string, staffId: string = DEMO_STAFF.manager.id) {
  const rendered = await renderInWorkspace(db, staffId, <ConsentFormScreen childId={childId} />)
  await screen.findByRole('heading', { level: 1, name: /Record consent for/ })
  return rendered
}

function answer(purpose: string) {
  return within(screen.getByRole('group', { name: purpose }))
}

describe('ConsentFormScreen', () => {
  it('refuses a grant from someone without parental responsibility, before saving', async () => {
    const esme = DEMO_SHOWCASE.noConsent
    const { user } = await openForm(esme.id)
    await user.click(answer('Learning journey').getByRole('radio', { name: 'Granted' }))
    await user.type(screen.getByLabelText('Name'), 'Gran Kirkby')
    await user.type(screen.getByLabelText('Relationship to the child'), 'grandmother')
    await user.click(screen.getByRole('radio', { name: /^No \(/ }))
    await user.click(screen.getByRole('button', { name: 'Save consent' }))
    const alert = screen.getByRole('alert')
    expect(alert.textContent).toMatch(
      /Gran Kirkby does not hold parental responsibility, so cannot give consent/,
    )
    expect(await consentHistory(db, esme.id)).toHaveLength(0)
  })

  it('appends records that supersede the current ones, changing nothing already stored', async () => {
    const ava = DEMO_SHOWCASE.allGranted
    const before = await consentHistory(db, ava.id)
    const { user } = await openForm(ava.id)
    await user.click(answer('Learning journey').getByRole('radio', { name: 'Granted' }))
    await user.click(answer('Group photos').getByRole('radio', { name: 'Refused' }))
    await user.type(screen.getByLabelText('Name'), 'Ade Appleby')
    await user.type(screen.getByLabelText('Relationship to the child'), 'father')
    await user.click(screen.getByRole('radio', { name: 'Yes' }))
    await user.type(screen.getByLabelText(/Form reference/), 'F-2026-17')
    await user.type(screen.getByLabelText(/Conditions/), 'No photos at the paddling pool')
    fireEvent.change(screen.getByLabelText('Date signed'), { target: { value: '2026-02-10' } })
    await user.click(screen.getByRole('button', { name: 'Save consent' }))
    await screen.findByRole('heading', { level: 1, name: /Consent recorded for Ava Appleby/ })

    const after = await consentHistory(db, ava.id)
    expect(after).toHaveLength(before.length + 2)
    expect(after.slice(0, before.length)).toEqual(before)
    const added = after.slice(before.length)
    const previous = (purpose: string) => before.find((r) => r.purpose === purpose)?.id
    expect(added).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          purpose: 'learning_journey',
          status: 'granted',
          supersedes: previous('learning_journey'),
          formRef: 'F-2026-17',
          signedOn: '2026-02-10',
          conditions: 'No photos at the paddling pool',
          givenBy: { name: 'Ade Appleby', relationship: 'father', parentalResponsibility: true },
        }),
        expect.objectContaining({
          purpose: 'group_photo',
          status: 'refused',
          supersedes: previous('group_photo'),
        }),
      ]),
    )
  })

  it('sets the review date 12 months after signing, until it is changed by hand', async () => {
    await openForm(DEMO_SHOWCASE.noConsent.id)
    const signed = screen.getByLabelText<HTMLInputElement>('Date signed')
    const review = screen.getByLabelText<HTMLInputElement>('Review date')
    const today = localDay(new Date())
    expect(signed.value).toBe(today)
    expect(review.value).toBe(defaultReview(today))
    expect(defaultReview('2026-02-10')).toBe('2027-02-10')
    fireEvent.change(signed, { target: { value: '2026-02-10' } })
    expect(review.value).toBe('2027-02-10')
    fireEvent.change(review, { target: { value: '2027-09-01' } })
    fireEvent.change(signed, { target: { value: '2026-03-01' } })
    expect(review.value).toBe('2027-09-01')
  })

  it('lists every problem at once, in words', async () => {
    const { user } = await openForm(DEMO_SHOWCASE.noConsent.id)
    await user.click(screen.getByRole('button', { name: 'Save consent' }))
    const text = screen.getByRole('alert').textContent
    expect(text).toMatch(/at least one purpose/)
    expect(text).toMatch(/name of the person who signed/)
    expect(text).toMatch(/parental responsibility/)
  })

  it('tells anyone but the manager to pass the form on', async () => {
    await renderInWorkspace(
      db,
      DEMO_STAFF.keyworker.id,
      <ConsentFormScreen childId={DEMO_SHOWCASE.allGranted.id} />,
    )
    expect(screen.getByText(/Only the manager can record a consent form/)).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Save consent' })).toBeNull()
  })

  it('keeps a half-copied form through "Switch user" and back', async () => {
    const user = userEvent.setup()
    const manager = DEMO_STAFF.manager
    async function signIn(who: { name: string; pin: string }) {
      await user.click(await screen.findByRole('button', { name: new RegExp(who.name) }))
      await user.type(screen.getByLabelText('PIN (4 to 6 digits)'), who.pin)
      await user.click(screen.getByRole('button', { name: 'Sign in' }))
      // The PIN is stretched (PBKDF2) before the session opens, which takes seconds when the
      // machine is busy: wait until the sign-in screen has gone, not a fixed second.
      await waitFor(
        () => {
          expect(screen.queryByRole('heading', { name: 'Who is using the tablet?' })).toBeNull()
        },
        { timeout: 20_000 },
      )
    }
    render(
      <DbProvider db={db}>
        <App />
      </DbProvider>,
    )
    await signIn(manager)
    navigationFor(manager.id)
      .getState()
      .goTo({ name: 'consent-form', childId: DEMO_SHOWCASE.noConsent.id })
    await user.type(await screen.findByLabelText('Name'), 'Kim Kirkby')
    await user.click(answer('Displays in the setting').getByRole('radio', { name: 'Refused' }))
    await user.click(screen.getByRole('button', { name: 'Switch user' }))
    await signIn(DEMO_STAFF.keyworker)
    await screen.findByRole('heading', { level: 1, name: /Hello, Priya/ })
    await user.click(screen.getByRole('button', { name: 'Switch user' }))
    await signIn(manager)
    await screen.findByRole('heading', { level: 1, name: /Record consent for Esme/ })
    expect(screen.getByLabelText<HTMLInputElement>('Name').value).toBe('Kim Kirkby')
    const refused = answer('Displays in the setting').getByRole('radio', { name: 'Refused' })
    expect(refused).toHaveProperty('checked', true)
  })
})
