// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { renderInWorkspace } from '../../../../tests/support/renderInWorkspace.tsx'
import {
  deletePhoto,
  listAudit,
  recordBlockedAttempt,
  savePhoto,
  type ConsentLensDb,
} from '../../../db/index.ts'
import {
  captureSetting,
  draft,
  encoded,
  SAVE_TIME,
} from '../../../../tests/support/captureTestData.ts'
import { KEYWORKER, MANAGER, PRACTITIONER } from '../../../../tests/support/testDb.ts'
import { AuditScreen } from './AuditScreen.tsx'

let db: ConsentLensDb
const made: Blob[] = []
const revoked: string[] = []

beforeEach(async () => {
  // Only Date is faked: "today" is the day of the test data; IndexedDB's timers stay real.
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date('2026-05-01T15:00:00.000Z'))
  made.length = 0
  revoked.length = 0
  URL.createObjectURL = (blob: Blob) => `blob:test/${String(made.push(blob))}`
  URL.revokeObjectURL = (url: string) => {
    revoked.push(url)
  }
  HTMLAnchorElement.prototype.click = () => undefined
  db = await captureSetting()
})
afterEach(() => {
  vi.useRealTimers()
})

async function aDay() {
  const kept = await savePhoto(db, draft(), encoded(), PRACTITIONER, SAVE_TIME)
  const gone = await savePhoto(
    db,
    draft({ photoId: 'photo-2' }),
    encoded(),
    PRACTITIONER,
    SAVE_TIME,
  )
  if (!kept.ok || !gone.ok) throw new Error('Test photos were not saved')
  await deletePhoto(db, { photoId: 'photo-2', reason: 'Eyes closed' }, MANAGER, SAVE_TIME)
  const blocked = draft({
    photoId: 'capture-x',
    childIds: ['child-bodhi'],
    purposes: ['group_photo'],
  })
  const decision = {
    verdict: 'block' as const,
    permittedPurposes: [],
    findings: [
      {
        rule: 'consent-refused' as const,
        severity: 'block' as const,
        childId: 'child-bodhi',
        purpose: 'group_photo' as const,
        message: 'Refused',
      },
    ],
  }
  await recordBlockedAttempt(db, blocked, decision, PRACTITIONER.id, SAVE_TIME)
}

describe('AuditScreen', () => {
  it('shows the day’s totals, photos, blocked attempt, deletion and an intact record', async () => {
    await aDay()
    await renderInWorkspace(db, MANAGER.id, <AuditScreen />)
    const totals = await screen.findByRole('region', { name: 'Summary' })
    expect(within(totals).getByText('Photos').nextSibling?.textContent).toBe('2')
    expect(within(totals).getByText('Blocked attempts').nextSibling?.textContent).toBe('1')
    expect(within(totals).getByText('Deletions').nextSibling?.textContent).toBe('1')
    expect(screen.getByText('Audit record intact')).toBeTruthy()
    const photos = screen.getByRole('region', { name: /Photos taken/ })
    expect(within(photos).getAllByText('Alma Tester')).toHaveLength(2)
    expect(within(photos).getByText(/Deleted at .* by manager person: Eyes closed/)).toBeTruthy()
    const blocked = screen.getByRole('table', { name: 'Blocked attempts' })
    expect(within(blocked).getByText('Bodhi Tester')).toBeTruthy()
    expect(within(blocked).getByText(/refused consent/)).toBeTruthy()
    expect(screen.getByRole('table', { name: 'Deletions' }).textContent).toContain('Eyes closed')
  })

  it('shows the thumbnail still held, and revokes its URL when the screen closes', async () => {
    await aDay()
    const { unmount } = await renderInWorkspace(db, MANAGER.id, <AuditScreen />)
    const img = await screen.findByRole('img', { name: /Photo taken at/ })
    expect(screen.getAllByText('No image on this tablet')).toHaveLength(1) // the deleted one
    unmount()
    expect(revoked).toContain(img.getAttribute('src'))
  })

  it('exports CSV as a download and records the export in the audit', async () => {
    await aDay()
    await renderInWorkspace(db, MANAGER.id, <AuditScreen />)
    await userEvent.click(await screen.findByRole('button', { name: 'Export CSV' }))
    await waitFor(() => {
      expect(
        screen.getByText(/consentlens-audit-setting-2026-05-01\.csv is in your downloads/),
      ).toBeTruthy()
    })
    const csv = await made.at(-1)!.text()
    expect(csv.split('\r\n').filter((l) => l.startsWith('Photo,'))).toHaveLength(2)
    const events = await listAudit(db, 'device-1')
    expect(events.at(-1)).toMatchObject({
      type: 'audit-exported',
      details: { format: 'csv', rows: 4 },
    })
  })

  it('exports a PDF', async () => {
    await aDay()
    await renderInWorkspace(db, MANAGER.id, <AuditScreen />)
    await userEvent.click(await screen.findByRole('button', { name: /Export PDF/ }))
    await waitFor(() => {
      expect(screen.getByText(/\.pdf is in your downloads/)).toBeTruthy()
    })
    const pdf = made.at(-1)!
    expect(pdf.type).toBe('application/pdf')
    expect(new TextDecoder().decode(new Uint8Array(await pdf.arrayBuffer()).slice(0, 5))).toBe(
      '%PDF-',
    )
  })

  it('says what is wrong when the record was changed behind the app’s back', async () => {
    await aDay()
    const [first] = await listAudit(db, 'device-1')
    await db.audit.update(first!.id, { staffId: 'someone-else' })
    await renderInWorkspace(db, MANAGER.id, <AuditScreen />)
    expect(await screen.findByText(/Audit record not intact: Event 1 was changed/)).toBeTruthy()
  })

  it('goes to the previous day, and picks out children with no photos', async () => {
    await aDay()
    await renderInWorkspace(db, MANAGER.id, <AuditScreen />)
    await screen.findByText('Audit record intact')
    const balance = screen.getByRole('table', { name: /Photos per child/ })
    expect(within(balance).getByRole('row', { name: /Bodhi Tester/ }).textContent).toContain('none')
    await userEvent.click(screen.getByRole('button', { name: /Previous day/ }))
    expect(await screen.findByText('No photos were taken on this tablet on this day.')).toBeTruthy()
    expect(screen.getByText('Thursday 30 April 2026')).toBeTruthy()
  })

  it('offers every tablet’s day from the server only once the tablet is enrolled', async () => {
    await renderInWorkspace(db, MANAGER.id, <AuditScreen />)
    const serverDay = await screen.findByRole('region', {
      name: 'Every tablet’s day, from the server',
    })
    await within(serverDay).findByText(/not enrolled with the setting’s server/)
    expect(within(serverDay).queryByLabelText('Your PIN')).toBeNull()
  })

  it('tells a keyworker that only the manager sees the audit', async () => {
    await renderInWorkspace(db, KEYWORKER.id, <AuditScreen />)
    expect(screen.getByText(/Only the manager can see the daily photo audit/)).toBeTruthy()
  })
})
