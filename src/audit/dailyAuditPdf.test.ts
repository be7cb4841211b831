import { PDFDocument } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { pdfTextLines } from '../../tests/support/pdfText.ts'
import {
  AUDIT_DAY,
  NAMES,
  blockedEvent,
  busyDay,
  photo,
  sealAll,
} from '../../tests/support/auditTestData.ts'
import { buildDailyAudit } from './dailyAudit.ts'
import { dailyAuditPdf } from './dailyAuditPdf.ts'
import { verifyChain } from './verifyChain.ts'

const facts = {
  settingName: 'Little Acorns',
  deviceId: 'tablet-1',
  exportedAt: '2026-11-23T17:00:00.000Z',
  exportedBy: 'Morgan Ellery',
  freshness: 'Consent data last synced 23 Nov 2026, 08:00',
}

function auditOf(photos = [photo(1), photo(2)], events = sealAll([blockedEvent(3)])) {
  return buildDailyAudit({
    day: AUDIT_DAY,
    timeZone: 'UTC',
    photos,
    events,
    chain: verifyChain(events),
    names: NAMES,
  })
}

describe('dailyAuditPdf', () => {
  it('is a real PDF with the setting, the day, the totals, the rows and a signature block', async () => {
    const bytes = await dailyAuditPdf(auditOf(), facts)
    const doc = await PDFDocument.load(bytes)
    expect(doc.getTitle()).toBe('Daily photo audit: Little Acorns, Monday 23 November 2026')
    expect(doc.getPageCount()).toBe(1)
    const text = pdfTextLines(bytes).join('\n')
    expect(text).toContain('Little Acorns · Monday 23 November 2026')
    expect(text).toContain('Photos 2 · Blocked attempts 1 · Deletions 0')
    expect(text).toMatch(/Audit record intact \(last event 1, seal [0-9a-f]{64}\)/)
    expect(text).toContain('Sam Okafor')
    expect(text).toContain('Signature')
    expect(text).toContain('page 1 of 1')
  })

  it('prints names outside the standard font without failing the export', async () => {
    const text = pdfTextLines(await dailyAuditPdf(auditOf([photo(0)]), facts)).join('\n')
    expect(text).toContain('Child0 Zoë-Lucja') // ë is in the font, Ł is printed as L
  })

  // Slow by nature (1000 photos and 600 events laid out and written): a budget of its own.
  it('runs a busy day onto many pages, each numbered', async () => {
    const day = busyDay(1000, 600)
    const bytes = await dailyAuditPdf(auditOf(day.photos, day.events), facts)
    const pages = (await PDFDocument.load(bytes)).getPageCount()
    expect(pages).toBeGreaterThan(20)
    expect(pdfTextLines(bytes).join('\n')).toContain(`page ${pages} of ${pages}`)
  }, 60_000)
})
