import Papa from 'papaparse'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { csvField, toCsv } from './csv.ts'
import { exportFileName, slug } from './exportFileName.ts'

describe('csvField (RFC 4180)', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "cheese"', '"say ""cheese"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rhere', '"cr\rhere"'],
    ['', ''],
  ])('%j → %j', (value, expected) => {
    expect(csvField(value)).toBe(expected)
  })
})

describe('csvField neutralises what a spreadsheet would run', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', `"'\t=1"`],
    ['\r=1', `"'\r=1"`],
  ])('%j → %j', (value, expected) => {
    expect(csvField(value)).toBe(expected)
  })

  // Spreadsheets skip leading blanks and line breaks before they look for a formula, and take
  // the full-width signs of a Japanese or Chinese keyboard as the ASCII ones.
  it.each([
    ['a space before =', ' =1+1', `' =1+1`],
    ['spaces before +', '   +1', `'   +1`],
    ['a line feed before =', '\n=1+1', `"'\n=1+1"`],
    ['a CR LF before @', '\r\n@SUM(A1)', `"'\r\n@SUM(A1)"`],
    ['a no-break space before -', '\u00a0-1', `'\u00a0-1`],
    ['a zero-width space before =', '\u200b=1', `'\u200b=1`],
    ['a full-width =', '\uff1dHYPERLINK("x")', `"'\uff1dHYPERLINK(""x"")"`],
    ['a full-width +', '\uff0b1', `'\uff0b1`],
    ['a full-width -', '\uff0d1', `'\uff0d1`],
    ['a full-width @', '\uff20SUM(A1)', `'\uff20SUM(A1)`],
    ['a space before a full-width =', ' \uff1d1', `' \uff1d1`],
    ['a small =', '\ufe661', `'\ufe661`],
  ])('neutralises %s', (_what, value, expected) => {
    expect(csvField(value)).toBe(expected)
  })

  it('leaves a formula sign in the middle of a field alone', () => {
    expect(csvField('Alma = happy')).toBe('Alma = happy')
  })
})

describe('csvField quotes any separator of a common locale', () => {
  it.each([
    ['a comma', 'Amelia, Oliver', '"Amelia, Oliver"'],
    ['a semicolon', 'Amelia; Oliver', '"Amelia; Oliver"'],
    ['a tab', 'Amelia\tOliver', '"Amelia\tOliver"'],
    ['a formula after a semicolon', 'x;=1+1', '"x;=1+1"'],
  ])('quotes a field with %s', (_what, value, expected) => {
    expect(csvField(value)).toBe(expected)
  })

  it.each([';', '\t'])('reads back as one field when the separator is %j', (delimiter) => {
    const csv = toCsv(['x', 'y'], [['a;b', 'c\td']])
    const parsed = Papa.parse<string[]>(csv.replaceAll(',', delimiter), {
      newline: '\r\n',
      delimiter,
    })
    expect(parsed.data[1]).toEqual(['a;b', 'c\td'])
  })
})

describe('toCsv', () => {
  it('ends every record with CRLF and refuses a ragged row', () => {
    expect(toCsv(['a', 'b'], [['1', '2']])).toBe('a,b\r\n1,2\r\n')
    expect(() => toCsv(['a', 'b'], [['1']])).toThrow(/fields/)
  })

  it('reads back exactly, field for field, except the apostrophe on formula starts', () => {
    const field = fc.string({
      unit: fc.constantFrom('a', ',', ';', '\t', '"', '\n', '\r', ' ', '=', '-', 'é', '\uff1d'),
    })
    fc.assert(
      fc.property(fc.array(fc.tuple(field, field), { minLength: 1, maxLength: 5 }), (rows) => {
        const parsed = Papa.parse<string[]>(toCsv(['x', 'y'], rows), {
          newline: '\r\n',
          delimiter: ',',
        })
        const risky = (f: string): boolean => /^(?:[\t\r\n]|[ \t\r\n]*[=+\-@\uff1d])/.test(f)
        const expected = rows.map((row) => row.map((f) => (risky(f) ? `'${f}` : f)))
        expect(parsed.data.slice(1, rows.length + 1)).toEqual(expected)
      }),
    )
  })
})

describe('exportFileName', () => {
  it('carries the setting and the day', () => {
    expect(exportFileName('Little Acorns Nursery', '2026-11-23', 'csv')).toBe(
      'consentlens-audit-little-acorns-nursery-2026-11-23.csv',
    )
    expect(exportFileName('Demo Nursery (sample data)', '2026-11-23', 'pdf')).toBe(
      'consentlens-audit-demo-nursery-sample-data-2026-11-23.pdf',
    )
  })

  it('makes a safe name from any setting name', () => {
    expect(slug('Crèche Saint-Éloi / Ōsaka')).toBe('creche-saint-eloi-osaka')
    expect(slug('../../etc')).toBe('etc')
    expect(slug('日本')).toBe('setting')
  })
})
