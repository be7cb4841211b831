// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { renderInWorkspace } from '../../../../tests/support/renderInWorkspace.tsx'
import { DEMO_STAFF, type ConsentLensDb } from '../../../db/index.ts'
import { demoDb } from '../../../../tests/support/demoDb.ts'
import { HomeScreen } from '../home/HomeScreen.tsx'

let db: ConsentLensDb
beforeEach(async () => {
  db = await demoDb()
})

describe('the manager’s alerts on Home', () => {
  it('lists what needs attention, each with where to act', async () => {
    const { navigation } = await renderInWorkspace(db, DEMO_STAFF.manager.id, <HomeScreen />)
    const alerts = await screen.findByRole('region', { name: 'Needs your attention' })
    const reviews = await within(alerts).findByText(/^Consent reviews: \d+ child(ren)? overdue/)
    expect(within(alerts).queryByText(/Audit record not intact/)).toBeNull()
    await userEvent.click(within(reviews.closest('li')!).getByRole('button'))
    expect(navigation.getState().screen).toEqual({ name: 'reviews' })
  })

  it('raises a broken audit record', async () => {
    const first = await db.audit.toCollection().first()
    await db.audit.update(first!.id, { details: { edited: true } })
    await renderInWorkspace(db, DEMO_STAFF.manager.id, <HomeScreen />)
    expect(await screen.findByText(/Audit record not intact: Event 1 was changed/)).toBeTruthy()
  })

  it('shows what the server last said about the setting: broken chains, quarantine, unseen tablets', async () => {
    const device = await db.device.toCollection().first()
    await db.device.update(device!.id, {
      serverFacts: {
        asOf: new Date().toISOString(),
        unseenDevices: [{ deviceId: 'd-9', name: 'Garden iPad', lastSeen: '2026-01-02T10:00:00Z' }],
        quarantinedPhotos: 2,
        chainProblems: [
          {
            deviceId: 'd-2',
            name: 'Room 2 iPad',
            code: 'edited',
            seq: 3,
            message: 'Event 3 was changed after it was written.',
            detectedAt: '2026-01-03T09:00:00Z',
          },
        ],
      },
    })
    await renderInWorkspace(db, DEMO_STAFF.manager.id, <HomeScreen />)
    const alerts = await screen.findByRole('region', { name: 'Needs your attention' })
    expect(
      await within(alerts).findByText(/audit record of 1 tablet did not check out/),
    ).toBeTruthy()
    expect(within(alerts).getByText(/“Room 2 iPad”: Event 3 was changed/)).toBeTruthy()
    expect(within(alerts).getByText(/2 photos quarantined by the server/)).toBeTruthy()
    expect(within(alerts).getByText(/^Garden iPad \(last seen/)).toBeTruthy()
  })

  it('lists the changes the server refused, what and why, until the manager marks them as seen', async () => {
    await db.refusals.add({
      id: 'change-1',
      kind: 'staff',
      entityId: DEMO_STAFF.student.id,
      madeAt: '2026-11-23T10:05:00.000Z',
      actorId: DEMO_STAFF.practitioner.id,
      refusedAt: '2026-11-23T10:06:00.000Z',
      code: 'not_permitted',
      message: 'Only the manager can change who may take photos.',
      payload: { id: DEMO_STAFF.student.id, name: DEMO_STAFF.student.name, canCapture: true },
      outcome: 'server-copy',
      seenAt: null,
    })
    await renderInWorkspace(db, DEMO_STAFF.manager.id, <HomeScreen />)
    const alerts = await screen.findByRole('region', { name: 'Needs your attention' })
    const title = await within(alerts).findByText(
      /1 change made on this tablet refused by the server/,
    )
    const item = title.closest('li')!
    expect(
      within(item).getByText(
        /^Staff record of Jo Lindqvist, changed by Sam Okafor on .*: Only the manager can change who may take photos\. This tablet now shows the server’s version\.$/,
      ),
    ).toBeTruthy()
    await userEvent.click(within(item).getByRole('button', { name: 'Mark as seen' }))
    await waitFor(() => {
      expect(within(alerts).queryByText(/refused by the server/)).toBeNull()
    })
    expect((await db.refusals.get('change-1'))?.seenAt).toEqual(expect.any(String))
  })

  it('is not shown to a practitioner, whose audit tile is greyed with why', async () => {
    await renderInWorkspace(db, DEMO_STAFF.practitioner.id, <HomeScreen />)
    await screen.findByRole('heading', { level: 1 })
    expect(screen.queryByRole('region', { name: 'Needs your attention' })).toBeNull()
    const audit = screen.getByRole<HTMLButtonElement>('button', { name: /Daily photo audit/ })
    expect(audit.disabled).toBe(true)
    expect(audit.textContent).toMatch(/Only the manager can see the daily photo audit/)
  })
})
