// @vitest-environment jsdom
// The app's sync wiring seen by a person: the status bar under the header, and the whole app
// replaced by the revocation message once the tablet has wiped itself.
import { render, screen, within } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import { DEMO_SETTING_NAME, type ConsentLensDb } from '../../db/index.ts'
import { demoDb } from '../../../tests/support/demoDb.ts'
import { wipeDevice } from '../../sync/wipeDevice.ts'
import { openSyncState } from '../../sync/syncStateDb.ts'
import { App } from '../App.tsx'
import { DbProvider } from '../data/DbContext.tsx'

let db: ConsentLensDb

beforeEach(async () => {
  db = await demoDb()
})

function renderApp() {
  return render(
    <DbProvider db={db}>
      <App />
    </DbProvider>,
  )
}

describe('the sync status in the app', () => {
  it('is always in view, in words: the demo tablet keeps its photos', async () => {
    renderApp()
    // The bar appears once the tablet's facts are read from its two databases (a cold start
    // of each, slow on a busy machine): wait for that, not a fixed second.
    const bar = await screen.findByRole('region', { name: 'Sync' }, { timeout: 15_000 })
    expect(bar.textContent).toContain('Sample data, not connected to a server')
    expect(bar.textContent).toContain('No sample photos on this tablet')
  })

  it('replaces the whole app with what happened once the tablet was removed and wiped', async () => {
    const state = openSyncState(db.name)
    await wipeDevice(db, state)
    state.close()
    renderApp()
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain(
      `This tablet was removed from ${DEMO_SETTING_NAME} by the manager. Its photos and records have been deleted from it. Ask the manager to enrol it again.`,
    )
    expect(screen.queryByRole('heading', { name: 'Who is using the tablet?' })).toBeNull()
    expect(screen.queryByRole('region', { name: 'Sync' })).toBeNull()
    const form = screen.getByRole('heading', { name: 'Enrol it again' }).closest('section')
    expect(within(form!).getByRole('button', { name: 'Enrol this tablet' })).toBeTruthy()
  })
})
