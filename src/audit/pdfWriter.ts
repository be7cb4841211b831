/**
 * A small page-flowing writer over pdf-lib for the audit PDF: A4 landscape, text that wraps,
 * tables whose header repeats on each new page, and a footer with "page n of m". It only lays
 * out; what is written is decided by dailyAuditPdf.ts.
 *
 * Invariant: every string passes through `printable` before it reaches a page, so no
 * character can make the standard font throw in the middle of an export.
 */
import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib'
import { printable, wrapText } from './pdfText.ts'

const A4_LANDSCAPE: [number, number] = [841.89, 595.28]
const MARGIN = 36
const FOOTER = 24
export const INK = rgb(0.11, 0.15, 0.14)
const RULE = rgb(0.6, 0.6, 0.6)

export interface PdfColumn {
  title: string
  /** Share of the page's width. */
  share: number
}

export class PdfWriter {
  page: PDFPage
  y = 0
  readonly width = A4_LANDSCAPE[0] - 2 * MARGIN
  readonly clean: (text: string) => string

  private constructor(
    readonly doc: PDFDocument,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
  ) {
    this.clean = printable(regular)
    this.page = this.newPage()
  }

  static async create(): Promise<PdfWriter> {
    const doc = await PDFDocument.create()
    const regular = doc.embedStandardFont(StandardFonts.Helvetica)
    const bold = doc.embedStandardFont(StandardFonts.HelveticaBold)
    return new PdfWriter(doc, regular, bold)
  }

  newPage(): PDFPage {
    this.page = this.doc.addPage(A4_LANDSCAPE)
    this.y = A4_LANDSCAPE[1] - MARGIN
    return this.page
  }

  /** Starts a new page unless `height` points still fit above the footer. */
  ensure(height: number): boolean {
    if (this.y - height >= MARGIN + FOOTER) return false
    this.newPage()
    return true
  }

  /** A paragraph, wrapped to the page's width. */
  text(text: string, options: { size?: number; bold?: boolean; gap?: number } = {}): void {
    const size = options.size ?? 10
    const font = options.bold === true ? this.bold : this.regular
    for (const line of wrapText(this.clean(text), font, size, this.width)) {
      this.ensure(size * 1.3)
      this.y -= size * 1.3
      this.page.drawText(line, { x: MARGIN, y: this.y, size, font, color: INK })
    }
    this.y -= options.gap ?? 4
  }

  rule(x = MARGIN, width = this.width): void {
    this.page.drawLine({
      start: { x, y: this.y },
      end: { x: x + width, y: this.y },
      thickness: 0.5,
      color: RULE,
    })
  }

  /** A table: wrapped cells, the header again at the top of each page it runs onto. */
  table(columns: readonly PdfColumn[], rows: readonly (readonly string[])[], size = 8): void {
    const widths = columns.map((c) => c.share * this.width)
    this.header(columns, widths, size)
    for (const row of rows) {
      const cells = row.map((cell, i) =>
        wrapText(this.clean(cell), this.regular, size, (widths[i] ?? 0) - 6),
      )
      const height = Math.max(...cells.map((c) => c.length)) * size * 1.25 + 6
      if (this.ensure(height)) this.header(columns, widths, size)
      this.drawCells(cells, widths, size, this.regular)
    }
    this.y -= 8
  }

  private header(columns: readonly PdfColumn[], widths: number[], size: number): void {
    const cells = columns.map((c, i) =>
      wrapText(this.clean(c.title), this.bold, size, (widths[i] ?? 0) - 6),
    )
    // Room for the header and at least one line under it, so a header never ends a page.
    this.ensure(Math.max(...cells.map((c) => c.length)) * size * 1.25 + 20)
    this.drawCells(cells, widths, size, this.bold)
  }

  private drawCells(cells: string[][], widths: number[], size: number, font: PDFFont): void {
    const lineHeight = size * 1.25
    let x = MARGIN
    cells.forEach((lines, i) => {
      lines.forEach((line, n) => {
        const y = this.y - lineHeight * (n + 1)
        this.page.drawText(line, { x: x + 3, y, size, font, color: INK })
      })
      x += widths[i] ?? 0
    })
    this.y -= Math.max(...cells.map((c) => c.length)) * lineHeight + 4
    this.rule()
    this.y -= 2
  }

  /** "Title · page n of m" at the foot of every page, once all pages exist. */
  footers(title: string): void {
    const pages = this.doc.getPages()
    pages.forEach((page, i) => {
      const text = this.clean(`${title} · page ${i + 1} of ${pages.length}`)
      page.drawText(text, { x: MARGIN, y: MARGIN - 12, size: 8, font: this.regular, color: INK })
    })
  }
}
