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
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
  ])('%j → %j', (value, expected) => {
    expect(csvField(value)).toBe(expected)
  })

  it('leaves a formula sign in the middle of a field alone', () => {
    expect(csvField('Alma = happy')).toBe('Alma = happy')
  })
})

describe('toCsv', () => {
  it('ends every record with CRLF and refuses a ragged row', () => {
    expect(toCsv(['a', 'b'], [['1', '2']])).toBe('a,b\r\n1,2\r\n')
    expect(() => toCsv(['a', 'b'], [['1']])).toThrow(/fields/)
  })

  it('reads back exactly, field for field, except the apostrophe on formula starts', () => {
    const field = fc.string({
      unit: fc.constantFrom('a', ',', '"', '\n', '\r', ' ', '=', '-', 'é'),
    })
    fc.assert(
      fc.property(fc.array(fc.tuple(field, field), { minLength: 1, maxLength: 5 }), (rows) => {
        const parsed = Papa.parse<string[]>(toCsv(['x', 'y'], rows), { newline: '\r\n' })
        const expected = rows.map((row) => row.map((f) => (/^[=+\-@\t\r]/.test(f) ? `'${f}` : f)))
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
