/**
 * The daily audit as a PDF to print and sign: the setting, the day, who exported it and when,
 * how fresh the tablet's data was, the audit record's state with its last seal (so the paper
 * anchors the chain: a later check can show the record still holds that event unchanged),
 * the totals, a table of every photo, blocked attempt, tag removed after a block and deletion,
 * and a signature block.
 *
 * Invariant: made entirely from the DailyAudit model and the facts passed in; the creation
 * date is the export time given, so the same input makes the same document.
 */
import { chainWords, type DailyAudit } from './dailyAudit.ts'
import type { PhotoRow } from './photoRows.ts'
import { dayTimeWords, dayWords } from './auditWords.ts'
import { PdfWriter, type PdfColumn } from './pdfWriter.ts'

export interface PdfFacts {
  settingName: string
  deviceId: string
  exportedAt: string
  exportedBy: string
  /** e.g. "Consent data last synced 23 Nov 2026, 08:10". */
  freshness: string
  /** Where the data comes from, when not one tablet: e.g. "Server copy, every tablet". */
  source?: string
}

const PHOTO_COLUMNS: PdfColumn[] = [
  { title: 'Time', share: 0.05 },
  { title: 'Staff', share: 0.1 },
  { title: 'Location', share: 0.09 },
  { title: 'Children', share: 0.15 },
  { title: 'Purposes', share: 0.12 },
  { title: 'Decision and findings', share: 0.22 },
  { title: 'Reason given', share: 0.11 },
  { title: 'Server, flags, deletion', share: 0.16 },
]

const BLOCKED_COLUMNS: PdfColumn[] = [
  { title: 'Time', share: 0.05 },
  { title: 'Staff', share: 0.12 },
  { title: 'Location', share: 0.11 },
  { title: 'Children', share: 0.2 },
  { title: 'Purposes', share: 0.14 },
  { title: 'Rules that blocked it', share: 0.38 },
]

const TAG_COLUMNS: PdfColumn[] = [
  { title: 'Time', share: 0.05 },
  { title: 'Staff', share: 0.12 },
  { title: 'Location', share: 0.11 },
  { title: 'Child confirmed not in the photo', share: 0.22 },
  { title: 'What was blocking', share: 0.5 },
]

const DELETION_COLUMNS: PdfColumn[] = [
  { title: 'Time', share: 0.05 },
  { title: 'Staff', share: 0.15 },
  { title: 'Children', share: 0.25 },
  { title: 'Reason', share: 0.35 },
  { title: 'Photo id', share: 0.2 },
]

const USE_COLUMNS: PdfColumn[] = [
  { title: 'Time', share: 0.05 },
  { title: 'Staff', share: 0.12 },
  { title: 'Record', share: 0.1 },
  { title: 'Children', share: 0.18 },
  { title: 'What, where, until when', share: 0.35 },
  { title: 'Photo id', share: 0.2 },
]

export async function dailyAuditPdf(audit: DailyAudit, facts: PdfFacts): Promise<Uint8Array> {
  const pdf = await PdfWriter.create()
  const title = `Daily photo audit: ${facts.settingName}, ${dayWords(audit.day)}`
  pdf.doc.setTitle(title)
  pdf.doc.setCreator('ConsentLens')
  pdf.doc.setProducer('ConsentLens')
  pdf.doc.setCreationDate(new Date(facts.exportedAt))
  pdf.doc.setModificationDate(new Date(facts.exportedAt))
  writeHeading(pdf, audit, facts)
  writeSections(pdf, audit)
  writeSignature(pdf)
  pdf.footers(title)
  return pdf.doc.save()
}

function writeHeading(pdf: PdfWriter, audit: DailyAudit, facts: PdfFacts): void {
  pdf.text('Daily photo audit', { size: 18, bold: true })
  pdf.text(`${facts.settingName} · ${dayWords(audit.day)}`, { size: 13, bold: true, gap: 8 })
  pdf.text(
    `${facts.source ?? `Tablet ${facts.deviceId}`} · exported ${dayTimeWords(facts.exportedAt, audit.timeZone)} by ${facts.exportedBy} · ${facts.freshness}`,
  )
  const seal = audit.chain.ok && audit.chain.head !== null ? audit.chain.head : null
  const sealWords = seal === null ? '' : ` (last event ${seal.seq}, seal ${seal.hash})`
  pdf.text(`${chainWords(audit.chain)}${sealWords}`, { bold: !audit.chain.ok })
  const t = audit.totals
  pdf.text(
    `Photos ${t.photos} · Blocked attempts ${t.blocked} · Deletions ${t.deletions} · Quarantined ${t.quarantined} · Flagged for removal ${t.flagged} · Tags removed ${t.tagRemovals}`,
    { size: 11, bold: true, gap: 10 },
  )
}

function writeSections(pdf: PdfWriter, audit: DailyAudit): void {
  const { photos, blocked, tagRemovals, deletions } = audit
  section(pdf, `Photos taken (${photos.length})`, PHOTO_COLUMNS, photos.map(photoCells))
  section(
    pdf,
    `Blocked attempts (${blocked.length})`,
    BLOCKED_COLUMNS,
    blocked.map((b) => [
      b.time,
      b.staff,
      b.location,
      b.children.join(', '),
      b.purposes.join(', '),
      b.rules.join(' '),
    ]),
  )
  section(
    pdf,
    `Tags removed after a block (${tagRemovals.length})`,
    TAG_COLUMNS,
    tagRemovals.map((t) => [t.time, t.staff, t.location, t.removedChild, t.rules.join(' ')]),
  )
  section(
    pdf,
    `Deletions (${deletions.length})`,
    DELETION_COLUMNS,
    deletions.map((d) => [d.time, d.staff, d.children.join(', '), d.reason, d.photoId]),
  )
  // Uses live on the server: a tablet's own day has none, so it does not list the section.
  if (audit.uses.length > 0) {
    section(
      pdf,
      `Photo uses and publicity approvals (${audit.uses.length})`,
      USE_COLUMNS,
      audit.uses.map((u) => [
        u.time,
        u.staff,
        u.record,
        u.children.join(', '),
        u.details,
        u.photoId,
      ]),
    )
  }
}

function photoCells(p: PhotoRow): string[] {
  const state = [
    p.sync,
    p.quarantined === null ? '' : `Quarantined: ${p.quarantined.reason}`,
    ...p.flaggedForRemoval.map((f) => `Flagged: ${f}`),
    p.deleted === null ? '' : `Deleted ${p.deleted.time} by ${p.deleted.by}: ${p.deleted.reason}`,
  ]
  return [
    p.time,
    p.staff,
    p.location,
    p.children.join(', '),
    p.purposes.join(', '),
    [p.verdict, ...(p.findings ?? ['findings not recorded'])].join('. '),
    p.reason ?? '',
    state.filter((s) => s !== '').join('. '),
  ]
}

function section(pdf: PdfWriter, heading: string, columns: PdfColumn[], rows: string[][]): void {
  pdf.ensure(60)
  pdf.text(heading, { size: 12, bold: true })
  if (rows.length === 0) pdf.text('None on this day.', { gap: 10 })
  else pdf.table(columns, rows)
}

function writeSignature(pdf: PdfWriter): void {
  // The whole block (gap, heading, space to sign, lines and labels) stays on one page.
  pdf.ensure(80)
  pdf.y -= 6
  pdf.text('Checked and signed', { size: 12, bold: true, gap: 28 })
  const labels = ['Name', 'Role', 'Signature', 'Date']
  const slot = pdf.width / labels.length
  labels.forEach((label, i) => {
    const x = 36 + i * slot
    pdf.page.drawLine({
      start: { x, y: pdf.y },
      end: { x: x + slot - 24, y: pdf.y },
      thickness: 0.8,
    })
    pdf.page.drawText(label, { x, y: pdf.y - 12, size: 9, font: pdf.regular })
  })
  pdf.y -= 24
}
