// @vitest-environment jsdom
// The Tablets screen against a real server (random port) from a demo tablet enrolled with it:
// the manager's PIN opens the list (a wrong one is refused in the server's words), Add a tablet
// shows the code large with a QR code of the enrol link, Rename and Revoke (after a
// confirmation that says what happens) change the server's record; others see why they cannot.
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { renderInWorkspace } from '../../../../tests/support/renderInWorkspace.tsx'
import { enrolledDevice, type Device } from '../../../../tests/support/syncedDevice.ts'
import { startTestServer, type TestServer } from '../../../../tests/support/testServer.ts'
import { DEMO_SETTING_ID, DEMO_STAFF } from '../../../demo/index.ts'
import { syncOnce } from '../../../sync/index.ts'
import { TabletsScreen } from './TabletsScreen.tsx'

/** The server checks the PIN (PBKDF2) on every call: slow by nature on a busy machine. */
const SLOW = { timeout: 15_000 }

let server: TestServer
let tablet: Device
let lost: Device

beforeAll(async () => {
  server = await startTestServer('sqlite')
  tablet = await enrolledDevice(server, DEMO_SETTING_ID)
  lost = await enrolledDevice(server, DEMO_SETTING_ID)
  expect((await syncOnce({ db: tablet.db })).ok).toBe(true)
})
afterAll(async () => {
  // jsdom's fetch keeps its connections open; the server would wait for them.
  server.app.server.closeAllConnections()
  await server.close()
})

async function openWithPin(pin: string) {
  const user = userEvent.setup()
  await renderInWorkspace(tablet.db, DEMO_STAFF.manager.id, <TabletsScreen />)
  await user.type(await screen.findByLabelText('Your PIN'), pin)
  await user.click(screen.getByRole('button', { name: 'Show the tablets' }))
  return user
}

function rowOf(deviceId: string): HTMLElement {
  const rows = screen.getAllByRole('listitem')
  const names = new Map([
    [tablet.deviceId, /this tablet/],
    [lost.deviceId, /^iPad$|Garden iPad/],
  ])
  const row = rows.find((r) =>
    names.get(deviceId)?.test(within(r).getByRole('heading').textContent),
  )
  if (row === undefined) throw new Error(`No row for ${deviceId}`)
  return row
}

describe('TabletsScreen', () => {
  it('refuses a wrong PIN in the server’s words and asks again', { timeout: 20_000 }, async () => {
    await openWithPin('9999')
    expect(
      await screen.findByText(/Only the manager can do this, with their own PIN/, undefined, SLOW),
    ).toBeTruthy()
    expect(screen.getByLabelText('Your PIN')).toBeTruthy()
  })

  it(
    'lists the tablets, adds one with a code and a QR code, renames and revokes',
    { timeout: 30_000 },
    async () => {
      const user = await openWithPin(DEMO_STAFF.manager.pin)
      await screen.findByRole('list', { name: 'The setting’s tablets' }, SLOW)
      const mine = rowOf(tablet.deviceId)
      expect(within(mine).getByText('In use')).toBeTruthy()
      expect(within(mine).queryByRole('button', { name: /Revoke/ })).toBeNull()

      await user.click(screen.getByRole('button', { name: 'Add a tablet' }))
      const code = await screen.findByTestId('enrolment-code', undefined, SLOW)
      expect(code.textContent).toMatch(/^[2-9A-Z]{5}-[2-9A-Z]{5}$/)
      const qr = screen.getByRole('img', {
        name: new RegExp(`enrol link with the code ${code.textContent}`),
      })
      expect(qr.querySelector('path')?.getAttribute('d')?.length).toBeGreaterThan(100)
      await user.click(screen.getByRole('button', { name: 'Done' }))

      const other = rowOf(lost.deviceId)
      // Done refreshes the list; the buttons wait for it.
      const rename = within(other).getByRole<HTMLButtonElement>('button', { name: /Rename/ })
      await waitFor(() => {
        expect(rename.disabled).toBe(false)
      })
      await user.click(rename)
      const input = within(other).getByLabelText(/New name for/)
      await user.clear(input)
      await user.type(input, 'Garden iPad')
      await user.click(within(other).getByRole('button', { name: 'Save' }))
      await screen.findByText('Renamed “iPad” to “Garden iPad”.', undefined, SLOW)
      const renamed = await server.services.db
        .selectFrom('devices')
        .select('name')
        .where('id', '=', lost.deviceId)
        .executeTakeFirstOrThrow()
      expect(renamed.name).toBe('Garden iPad')

      await user.click(within(rowOf(lost.deviceId)).getByRole('button', { name: /Revoke/ }))
      const dialog = screen.getByRole('alertdialog', { name: 'Revoke “Garden iPad”?' })
      expect(dialog.textContent).toContain('deletes every photo and record it holds')
      expect(dialog.textContent).toContain('Photos it has not sent are lost')
      expect(dialog.textContent).toContain('reset the PINs of staff who used it')
      await user.click(within(dialog).getByRole('button', { name: 'Revoke this tablet' }))
      await screen.findByText(/“Garden iPad” is revoked/, undefined, SLOW)
      await waitFor(() => {
        expect(within(rowOf(lost.deviceId)).getByText(/^Revoked /)).toBeTruthy()
      })
      const row = await server.services.db
        .selectFrom('devices')
        .select('revoked_by')
        .where('id', '=', lost.deviceId)
        .executeTakeFirstOrThrow()
      expect(row.revoked_by).toBe(DEMO_STAFF.manager.id)
    },
  )

  it('tells anyone but the manager why they cannot', async () => {
    await renderInWorkspace(tablet.db, DEMO_STAFF.keyworker.id, <TabletsScreen />)
    expect(screen.getByText(/Only the manager can connect this tablet/)).toBeTruthy()
    expect(screen.queryByLabelText('Your PIN')).toBeNull()
  })
})
