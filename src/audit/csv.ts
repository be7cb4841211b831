/**
 * CSV as RFC 4180 writes it, made safe to open in a spreadsheet.
 *
 * Invariants:
 * - Fields are separated by commas and records end in CRLF. A field holding a double quote, CR,
 *   LF or any separator a spreadsheet uses in common locales (comma, semicolon, tab) is put in
 *   double quotes, with its own quotes doubled: a German or French Excel splits on ";", and a
 *   field must never become two columns, whatever the office computer's locale.
 * - A field that a spreadsheet could run as a formula gets a leading apostrophe first, so
 *   Excel, LibreOffice or Sheets show it as text (CSV injection): a caption or a name typed on a
 *   tablet must not become a command on the office computer. That is a field starting with a
 *   tab, CR or LF, or whose first visible character is = + - @ or a full-width or small form of
 *   one (＝ ＋ － ＠ ﹦ ﹢ ﹣ ﹫), after any spaces, line breaks or invisible characters, which
 *   spreadsheets skip before they look for a formula.
 */

const FORMULA_START =
  /^(?:[\t\r\n]|[\p{White_Space}\p{Default_Ignorable_Code_Point}]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B])/u
const NEEDS_QUOTES = /[",;\t\r\n]/

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
