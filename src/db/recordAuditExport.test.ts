import { afterEach, describe, expect, it } from 'vitest'
import { verifyChain } from '../audit/verifyChain.ts'
import { listAudit } from './auditLog.ts'
import { loadAuditDay } from './auditDayData.ts'
import type { ConsentLensDb } from './ConsentLensDb.ts'
import { recordAuditExport, type AuditExport } from './recordAuditExport.ts'
import { KEYWORKER, MANAGER, smallSetting, T0 } from '../../tests/support/testDb.ts'

let db: ConsentLensDb
afterEach(async () => {
  await db.delete()
})

const exported: AuditExport = {
  format: 'csv',
  day: '2026-05-01',
  fileName: 'consentlens-audit-x-2026-05-01.csv',
  rows: 3,
  head: null,
}

describe('recordAuditExport', () => {
  it('records the manager’s export as a chained audit event', async () => {
    db = await smallSetting()
    expect(await recordAuditExport(db, exported, MANAGER, T0)).toEqual({ ok: true, value: null })
    const events = await listAudit(db, 'device-1')
    expect(events).toMatchObject([
      { type: 'audit-exported', staffId: 'manager', details: { format: 'csv', rows: 3 } },
    ])
    expect(verifyChain(events).ok).toBe(true)
  })

  it('refuses anyone else, and records nothing', async () => {
    db = await smallSetting()
    const result = await recordAuditExport(db, exported, KEYWORKER, T0)
    expect(result).toMatchObject({ ok: false, error: { code: 'not-permitted' } })
    expect(await listAudit(db, 'device-1')).toEqual([])
  })
})

describe('loadAuditDay', () => {
  it('reads the day’s events and the whole chain of this tablet', async () => {
    db = await smallSetting()
    await recordAuditExport(db, exported, MANAGER, '2026-04-30T23:59:59.999Z')
    await recordAuditExport(db, exported, MANAGER, T0)
    const data = await loadAuditDay(db, {
      from: '2026-05-01T00:00:00.000Z',
      until: '2026-05-02T00:00:00.000Z',
      monthFrom: '2026-04-02T00:00:00.000Z',
    })
    expect(data.events.map((e) => e.at)).toEqual([T0])
    expect(data.chain.map((e) => e.seq)).toEqual([1, 2])
    expect(data.staff.find((s) => s.id === 'manager')).toEqual({
      id: 'manager',
      name: 'manager person',
    })
  })
})
