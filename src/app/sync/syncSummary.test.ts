import { describe, expect, it } from 'vitest'
import { INITIAL_STATUS, type SyncStatus } from '../../sync/syncStatus.ts'
import type { SyncFacts } from './syncFacts.ts'
import { syncSummary, UNREACHABLE } from './syncSummary.ts'

const ENROLLED: SyncFacts = {
  enrolment: { serverUrl: 'https://nursery.example', deviceId: 'd1', settingId: 's1' },
  settingName: 'Acorns',
  isDemo: false,
  enrolledAt: '2026-05-01T08:00:00.000Z',
  syncedAt: '2026-05-01T09:00:00.000Z',
  revoked: false,
  waitingPhotos: 2,
}
const at = (iso: string) => `at ${iso.slice(11, 16)}`
const status = (change: Partial<SyncStatus>): SyncStatus => ({ ...INITIAL_STATUS, ...change })

describe('syncSummary', () => {
  it('says a server cannot be reached in words, and that the photos are safe', () => {
    const s = syncSummary(
      status({ phase: 'waiting-to-retry', error: 'x', errorCode: 'offline' }),
      ENROLLED,
      at,
    )
    expect(s).toEqual({
      tone: 'warn',
      text: UNREACHABLE,
      waiting: '2 photos waiting to be sent',
      lastSync: 'Last sync at 09:00',
      lastSyncAt: ENROLLED.syncedAt,
    })
  })

  it('shows the server’s own words for any other failure', () => {
    const error = 'The server refused this tablet’s request.'
    const s = syncSummary(
      status({ phase: 'waiting-to-retry', error, errorCode: 'x' }),
      ENROLLED,
      at,
    )
    expect(s.text).toBe(error)
  })

  it('prefers the engine’s last sync over the stored one, and counts one photo as one', () => {
    const s = syncSummary(
      status({ phase: 'idle', lastSyncAt: '2026-05-01T10:30:00.000Z' }),
      { ...ENROLLED, waitingPhotos: 1 },
      at,
    )
    expect(s).toMatchObject({ tone: 'ok', waiting: '1 photo waiting to be sent' })
    expect(s.lastSync).toBe('Last sync at 10:30')
  })

  it('reassures when the tablet is offline', () => {
    const s = syncSummary(status({ phase: 'offline' }), { ...ENROLLED, waitingPhotos: 0 }, at)
    expect(s.tone).toBe('warn')
    expect(s.text).toMatch(/kept on this tablet/)
    expect(s.waiting).toBe('No photos waiting')
  })

  it('says a tablet without a credential keeps its photos, with no last sync', () => {
    const s = syncSummary(
      status({ phase: 'idle' }),
      { ...ENROLLED, enrolment: null, isDemo: true },
      at,
    )
    expect(s).toMatchObject({ tone: 'pending', lastSync: null })
    expect(s.text).toMatch(/Sample data, not connected to a server/)
  })

  it('says never when an enrolled tablet has not finished a sync yet', () => {
    const s = syncSummary(status({}), { ...ENROLLED, syncedAt: null }, at)
    expect(s.lastSync).toBe('Never synced')
  })

  it('calls the local demo’s photos sample photos kept here, never waiting to be sent', () => {
    const demo: SyncFacts = { ...ENROLLED, enrolment: null, isDemo: true, waitingPhotos: 1 }
    const s = syncSummary(status({ phase: 'not-enrolled' }), demo, at)
    expect(s.waiting).toBe('1 sample photo on this tablet')
    expect(s.text).toMatch(/photos stay on this tablet/)
  })
})
