/**
 * Text for the PDF: the standard Helvetica of every PDF reader (nothing to embed, so the file
 * stays small and prints anywhere), which only has the Windows-1252 characters. A name with a
 * letter outside it is printed without its accent ("Łucja" → "Lucja") or with "?" for a letter
 * that has no plain form, rather than failing the whole export.
 */
import type { PDFFont } from 'pdf-lib'

const SUBSTITUTES: Record<string, string> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ø: 'O', ø: 'o' }

export function printable(font: PDFFont): (text: string) => string {
  const supported = new Set(font.getCharacterSet())
  return (text) => {
    let out = ''
    for (const char of text.replace(/[\r\n\t]+/g, ' ')) {
      out += supported.has(char.codePointAt(0) ?? 0) ? char : plainForm(char, supported)
    }
    return out
  }
}

function plainForm(char: string, supported: Set<number>): string {
  const base = SUBSTITUTES[char] ?? char.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
  return base !== '' && allSupported(base, supported) ? base : '?'
}

function allSupported(text: string, supported: Set<number>): boolean {
  // Code point by code point on purpose: the font's character set is a set of code points.
  for (const char of text) if (!supported.has(char.codePointAt(0) ?? 0)) return false
  return true
}

/** Lines of at most `width` points; a word longer than a line is broken where it must be. */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const fits = (s: string) => font.widthOfTextAtSize(s, size) <= width
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ').filter((w) => w !== '')) {
    const candidate = line === '' ? word : `${line} ${word}`
    if (fits(candidate)) {
      line = candidate
      continue
    }
    if (line !== '') lines.push(line)
    line = word
    while (!fits(line)) {
      let cut = line.length - 1
      while (cut > 1 && !fits(line.slice(0, cut))) cut--
      lines.push(line.slice(0, cut))
      line = line.slice(cut)
    }
  }
  if (line !== '' || lines.length === 0) lines.push(line)
  return lines
}
