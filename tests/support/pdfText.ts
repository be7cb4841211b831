// The text a PDF made by pdf-lib shows, for tests: inflates each content stream and decodes
// the hex strings its text operators draw (pdf-lib writes standard-font text as <hex> Tj).
// Not a general PDF parser; e2e tests read PDFs with poppler's pdftotext instead.
import { inflateSync } from 'node:zlib'

export function pdfTextLines(pdf: Uint8Array): string[] {
  const raw = Buffer.from(pdf)
  const lines: string[] = []
  let from = 0
  for (;;) {
    const start = raw.indexOf('stream', from)
    if (start < 0) break
    const dataStart = raw[start + 6] === 0x0d ? start + 8 : start + 7
    const end = raw.indexOf('endstream', dataStart)
    if (end < 0) break
    lines.push(...textOf(raw.subarray(dataStart, end)))
    from = end + 9
  }
  return lines
}

function textOf(data: Buffer): string[] {
  let content: string
  try {
    content = inflateSync(data).toString('latin1')
  } catch {
    content = data.toString('latin1')
  }
  return [...content.matchAll(/<([0-9A-Fa-f]*)> Tj/g)].map((m) =>
    Buffer.from(m[1] ?? '', 'hex').toString('latin1'),
  )
}
