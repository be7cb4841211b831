/**
 * CSV as RFC 4180 writes it, made safe to open in a spreadsheet.
 *
 * Invariants:
 * - Fields are separated by commas and records end in CRLF; a field holding a comma, a double
 *   quote, CR or LF is put in double quotes, with its own quotes doubled.
 * - A field starting with = + - @, a tab or CR gets a leading apostrophe first, so Excel,
 *   LibreOffice or Sheets show it as text and never run it as a formula (CSV injection): a
 *   caption or a name typed on a tablet must not become a command on the office computer.
 */

const FORMULA_START = /^[=+\-@\t\r]/
const NEEDS_QUOTES = /[",\r\n]/

/** One field, neutralised and quoted as needed. */
export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

/** A header and its rows; every row must have as many fields as the header. */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [header, ...rows].map((row) => {
    if (row.length !== header.length) {
      throw new Error(`CSV row has ${row.length} fields, the header ${header.length}`)
    }
    return row.map(csvField).join(',')
  })
  return `${lines.join('\r\n')}\r\n`
}
