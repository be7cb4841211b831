// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { renderInWorkspace } from '../../../../tests/support/renderInWorkspace.tsx'
import { DEMO_STAFF, listStaff, type ConsentLensDb } from '../../../db/index.ts'
import { demoDb } from '../../../../tests/support/demoDb.ts'
import { StaffScreen } from './StaffScreen.tsx'

let db: ConsentLensDb
beforeEach(async () => {
  db = await demoDb()
})

function rowOf(name: string): HTMLElement {
  const heading = screen.getByRole('heading', { level: 2, name })
  const row = heading.closest('li')
  if (row === null) throw new Error(`No row for ${name}`)
  return row
}

describe('StaffScreen', () => {
  it('lets the manager allow a student to take photos, in words', async () => {
    await renderInWorkspace(db, DEMO_STAFF.manager.id, <StaffScreen />)
    const student = DEMO_STAFF.student.name
    await screen.findByRole('heading', { level: 2, name: student })
    expect(within(rowOf(student)).getByText('No')).toBeTruthy()
    await userEvent.click(within(rowOf(student)).getByRole('button', { name: /Allow photos/ }))
    await waitFor(() => {
      expect(within(rowOf(student)).getByText('Yes')).toBeTruthy()
    })
    expect(screen.getByRole('status').textContent).toBe(`${student} may now take photos.`)
    const stored = (await listStaff(db)).find((s) => s.id === DEMO_STAFF.student.id)
    expect(stored?.canCapture).toBe(true)
  })

  it('adds a volunteer who may not take photos until allowed', async () => {
    await renderInWorkspace(db, DEMO_STAFF.manager.id, <StaffScreen />)
    const user = userEvent.setup()
    await user.type(await screen.findByLabelText('Name'), 'Vic Volunteer')
    await user.selectOptions(screen.getByLabelText('Role'), 'volunteer')
    expect(screen.getByLabelText<HTMLInputElement>('May take photos').checked).toBe(false)
    await user.type(screen.getByLabelText(/First PIN/), '8642')
    await user.click(screen.getByRole('button', { name: 'Add to staff' }))
    await screen.findByRole('heading', { level: 2, name: 'Vic Volunteer' })
    expect(within(rowOf('Vic Volunteer')).getByText('No')).toBeTruthy()
    expect(within(rowOf('Vic Volunteer')).getByText(/PIN: set/)).toBeTruthy()
  })

  it('says a short PIN is not right, and keeps the old one', async () => {
    await renderInWorkspace(db, DEMO_STAFF.manager.id, <StaffScreen />)
    const user = userEvent.setup()
    const name = DEMO_STAFF.keyworker.name
    await screen.findByRole('heading', { level: 2, name })
    await user.click(within(rowOf(name)).getByRole('button', { name: /Set a new PIN/ }))
    await user.type(within(rowOf(name)).getByLabelText(`New PIN for ${name}`), '12')
    await user.click(within(rowOf(name)).getByRole('button', { name: 'Save PIN' }))
    await waitFor(() => {
      expect(screen.getByRole('status').textContent).toMatch(/4 to 6 digits/)
    })
  })

  it('tells a keyworker that only the manager manages staff', async () => {
    await renderInWorkspace(db, DEMO_STAFF.keyworker.id, <StaffScreen />)
    expect(screen.getByText(/Only the manager can add staff/)).toBeTruthy()
    expect(screen.queryByRole('button', { name: /Allow photos/ })).toBeNull()
  })
})
