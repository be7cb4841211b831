// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { renderInWorkspace } from '../../../../tests/support/renderInWorkspace.tsx'
import { DEMO_STAFF, listLocations, type ConsentLensDb } from '../../../db/index.ts'
import { demoDb } from '../../../../tests/support/demoDb.ts'
import { LocationsScreen } from './LocationsScreen.tsx'

let db: ConsentLensDb
beforeEach(async () => {
  db = await demoDb()
})

describe('LocationsScreen', () => {
  it('marks toilets and changing areas as never photographed, in words', async () => {
    await renderInWorkspace(db, DEMO_STAFF.manager.id, <LocationsScreen />)
    await screen.findByRole('heading', { level: 2, name: 'Toilets' })
    expect(screen.getAllByText('Never photographed here')).toHaveLength(2)
  })

  it('adds a location and archives one, each kept in the database', async () => {
    await renderInWorkspace(db, DEMO_STAFF.manager.id, <LocationsScreen />)
    const user = userEvent.setup()
    await user.type(await screen.findByLabelText('Name'), 'Forest school')
    await user.selectOptions(screen.getByLabelText('Kind'), 'outing')
    await user.click(screen.getByRole('button', { name: 'Add location' }))
    await screen.findByRole('heading', { level: 2, name: 'Forest school' })
    await user.click(screen.getByRole('button', { name: 'Archive Garden' }))
    await waitFor(() => {
      expect(screen.queryByRole('heading', { level: 2, name: 'Garden' })).toBeNull()
    })
    const names = (await listLocations(db)).map((l) => l.name)
    expect(names).toContain('Forest school')
    expect(names).not.toContain('Garden')
    expect((await listLocations(db, true)).map((l) => l.name)).toContain('Garden')
  })

  it('tells a practitioner that only the manager changes locations', async () => {
    await renderInWorkspace(db, DEMO_STAFF.practitioner.id, <LocationsScreen />)
    expect(screen.getByText(/Only the manager can change the list of locations/)).toBeTruthy()
  })
})
