// @vitest-environment jsdom
import { screen, within } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import { DEMO_STAFF, type ConsentLensDb } from '../../../db/index.ts'
import { demoDb } from '../../../../tests/support/demoDb.ts'
import { renderInWorkspace } from '../../../../tests/support/renderInWorkspace.tsx'
import { RosterImportScreen } from './RosterImportScreen.tsx'

let db: ConsentLensDb

beforeEach(async () => {
  db = await demoDb()
})

const GOOD = `firstName,lastName,dateOfBirth,room,keyworker
Wren,Abbott,2023-02-14,Caterpillars,Priya Shah
Zoë,Barraclough,03/11/2022,Butterflies,Sam Okafor
`

const BAD = `firstName,lastName,dateOfBirth,room,keyworker
Wren,Abbott,2023-02-14,Caterpillars,Priya Shah
,Barraclough,03/11/2022,Butterflies,Sam Okafor
Milo,Carr,31/02/2023,Ladybirds,Priya Shah
`

describe('RosterImportScreen', () => {
  it('shows the expected columns and an example', async () => {
    await renderInWorkspace(db, DEMO_STAFF.manager.id, <RosterImportScreen />)
    const help = within(screen.getByRole('region', { name: 'What the file needs' }))
    expect(help.getByText('Date of birth')).toBeTruthy()
    expect(help.getByText(/Example,Child-One,2023-04-30,Caterpillars,Priya Shah/)).toBeTruthy()
  })

  it('reports every bad line by number and imports nothing', async () => {
    const before = await db.children.count()
    const { user } = await renderInWorkspace(db, DEMO_STAFF.manager.id, <RosterImportScreen />)
    await user.click(screen.getByLabelText('Or paste the rows'))
    await user.paste(BAD)
    await user.click(screen.getByRole('button', { name: 'Check the rows' }))
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toMatch(/Nothing was imported/)
    expect(alert.textContent).toMatch(/Line 3:.*First name is missing/)
    expect(alert.textContent).toMatch(/Line 4:.*not a date/)
    expect(alert.textContent).toMatch(/Line 4:.*Ladybirds/)
    expect(alert.textContent).not.toMatch(/Line 2:/)
    expect(screen.queryByRole('button', { name: /^Import/ })).toBeNull()
    expect(await db.children.count()).toBe(before)
  })

  it('previews a good file, then imports every row', async () => {
    const before = await db.children.count()
    const { user } = await renderInWorkspace(db, DEMO_STAFF.manager.id, <RosterImportScreen />)
    const file = new File([GOOD], 'roster.csv', { type: 'text/csv' })
    await user.upload(screen.getByLabelText('Choose a CSV file'), file)
    const preview = await screen.findByRole('region', { name: 'Ready to add 2 children' })
    expect(within(preview).getByText('Zoë Barraclough')).toBeTruthy()
    expect(within(preview).getByText('3 Nov 2022')).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Import 2 children' }))
    await screen.findByText('2 children were added to the roster.')
    expect(await db.children.count()).toBe(before + 2)
  })

  it('tells anyone but the manager who imports the roster', async () => {
    await renderInWorkspace(db, DEMO_STAFF.keyworker.id, <RosterImportScreen />)
    expect(screen.getByText(/Only the manager can import or change the roster/)).toBeTruthy()
  })

  it('accepts its own example without a duplicate, and warns of a possible duplicate child', async () => {
    const { user } = await renderInWorkspace(db, DEMO_STAFF.manager.id, <RosterImportScreen />)
    const help = screen.getByRole('region', { name: 'What the file needs' })
    const example = help.querySelector('pre')?.textContent ?? ''
    await user.click(screen.getByLabelText('Or paste the rows'))
    await user.paste(example)
    await user.click(screen.getByRole('button', { name: 'Check the rows' }))
    const clean = await screen.findByRole('region', { name: 'Ready to add 2 children' })
    expect(within(clean).queryByRole('alert')).toBeNull()

    await user.clear(screen.getByLabelText('Or paste the rows'))
    await user.paste(
      'First Name;Surname;DOB;Room;Key person\nAva;Appleby;01/01/2023;Butterflies;Sam Okafor',
    )
    await user.click(screen.getByRole('button', { name: 'Check the rows' }))
    const preview = await screen.findByRole('region', { name: 'Ready to add 1 child' })
    expect(within(preview).getByRole('alert').textContent).toMatch(
      /Line 2: Possible duplicate: Ava Appleby \(born \d{1,2} [A-Z][a-z]{2} \d{4}, Caterpillars\) is already on the roster/,
    )
  })
})
