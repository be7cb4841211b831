import { afterEach, describe, expect, it } from 'vitest'
import { appendAudit, listAudit, UNENROLLED_DEVICE_ID } from './auditLog.ts'
import type { ConsentLensDb } from './ConsentLensDb.ts'
import { freshDb, smallSetting, T0 } from '../../tests/support/testDb.ts'

let db: ConsentLensDb

afterEach(async () => {
  await db.delete()
})

function append(type: 'pin-set' | 'staff-added') {
  return db.transaction('rw', [db.audit, db.device], () =>
    appendAudit(db, { at: T0, staffId: 'manager', type, details: { n: 1 } }),
  )
}

describe('audit log', () => {
  it('numbers events 1, 2, 3 … per device, in the order they were written', async () => {
    db = await smallSetting()
    await Promise.all([append('pin-set'), append('staff-added'), append('pin-set')])
    const events = await listAudit(db, 'device-1')
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3])
    expect(events.map((e) => e.type)).toEqual(['pin-set', 'staff-added', 'pin-set'])
  })

  it('still orders events made before the device is enrolled', async () => {
    db = freshDb()
    await append('pin-set')
    expect((await listAudit(db, UNENROLLED_DEVICE_ID)).map((e) => e.seq)).toEqual([1])
  })

  it('is only written inside the transaction of the change', async () => {
    db = await smallSetting()
    const event = { at: T0, staffId: null, type: 'pin-set' as const, details: {} }
    await expect(appendAudit(db, event)).rejects.toThrow(/inside a transaction/)
  })
})
