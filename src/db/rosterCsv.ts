/**
 * Reading a roster CSV into a preview, or into the list of everything wrong with it.
 *
 * The file: comma-separated, one header row, then one child per row. Columns (any order, any
 * case; spaces in names allowed, e.g. "First name"; other columns are ignored):
 *
 *   firstName,lastName,dateOfBirth,room,keyworker
 *   Ava,Appleby,2023-04-30,Caterpillars,Priya Shah
 *
 * dateOfBirth is 2023-04-30 or 30/04/2023; room and keyworker are names as on this device.
 *
 * Invariants: pure (the roster to check against and today's date are arguments); every bad
 * row is reported, each with its line number in the file as a spreadsheet shows it (a quoted
 * cell spanning lines counts all its lines); blank lines are skipped.
 */
import Papa from 'papaparse'
import {
  childKey,
  findKeyworker,
  findRoom,
  parseDateOfBirth,
  type RosterLookup,
} from './rosterChecks.ts'

export const ROSTER_COLUMNS = ['firstName', 'lastName', 'dateOfBirth', 'room', 'keyworker'] as const
type Column = (typeof ROSTER_COLUMNS)[number]

export interface RosterRow {
  line: number
  firstName: string
  lastName: string
  dateOfBirth: string
  roomId: string
  roomName: string
  keyworkerId: string
  keyworkerName: string
}

export interface RosterProblem {
  line: number
  message: string
}

export type RosterParse =
  | { ok: true; value: RosterRow[] }
  | { ok: false; error: { code: 'roster-invalid'; message: string; problems: RosterProblem[] } }

interface CsvLine {
  line: number
  cells: string[]
}

function readCsv(text: string): CsvLine[] {
  const clean = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
  const lines: CsvLine[] = []
  let start = 0
  let line = 1
  Papa.parse<string[]>(clean, {
    delimiter: ',',
    newline: '\n',
    step: (result) => {
      const end = result.meta.cursor
      if (result.data.some((cell) => cell.trim() !== '')) lines.push({ line, cells: result.data })
      for (let i = start; i < end; i++) if (clean[i] === '\n') line += 1
      start = end
    },
  })
  return lines
}

const normalise = (h: string): string =>
  h
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '')

function columnIndexes(header: string[]): Record<Column, number> | Column[] {
  const found = header.map(normalise)
  const at = (c: Column): number => found.indexOf(c.toLowerCase())
  const missing = ROSTER_COLUMNS.filter((c) => at(c) === -1)
  if (missing.length > 0) return missing
  return {
    firstName: at('firstName'),
    lastName: at('lastName'),
    dateOfBirth: at('dateOfBirth'),
    room: at('room'),
    keyworker: at('keyworker'),
  }
}

function invalid(problems: RosterProblem[]): RosterParse {
  const n = new Set(problems.map((p) => p.line)).size
  const message = `${n === 1 ? '1 line has' : `${n} lines have`} problems. Nothing was imported: correct the file and try again.`
  return { ok: false, error: { code: 'roster-invalid', message, problems } }
}

export function parseRosterCsv(text: string, existing: RosterLookup): RosterParse {
  const [header, ...rows] = readCsv(text)
  if (header === undefined) return invalid([{ line: 1, message: 'The file is empty.' }])
  const columns = columnIndexes(header.cells)
  if (Array.isArray(columns)) {
    const message = `The first line must name the columns. Missing: ${columns.join(', ')}. Expected: ${ROSTER_COLUMNS.join(',')}.`
    return invalid([{ line: header.line, message }])
  }
  if (rows.length === 0)
    return invalid([{ line: header.line + 1, message: 'The file has no children in it.' }])
  const problems: RosterProblem[] = []
  const accepted: RosterRow[] = []
  const seen = new Map<string, number>()
  for (const row of rows) {
    const cell = (c: Column): string => (row.cells[columns[c]] ?? '').replace(/\s+/g, ' ').trim()
    const checked = checkRow(row.line, cell, existing, seen)
    if (Array.isArray(checked)) problems.push(...checked)
    else accepted.push(checked)
  }
  return problems.length > 0 ? invalid(problems) : { ok: true, value: accepted }
}

function checkRow(
  line: number,
  cell: (c: Column) => string,
  existing: RosterLookup,
  seen: Map<string, number>,
): RosterRow | RosterProblem[] {
  const messages: string[] = []
  const firstName = cell('firstName')
  const lastName = cell('lastName')
  if (firstName === '') messages.push('First name is missing.')
  if (lastName === '') messages.push('Last name is missing.')
  const dob = parseDateOfBirth(cell('dateOfBirth'), existing.today)
  if (!dob.ok) messages.push(dob.message)
  const room = findRoom(cell('room'), existing.rooms)
  if (typeof room === 'string') messages.push(room)
  const keyworker = findKeyworker(cell('keyworker'), existing.staff)
  if (typeof keyworker === 'string') messages.push(keyworker)
  if (dob.ok && firstName !== '' && lastName !== '') {
    const duplicate = duplicateOf(childKey(firstName, lastName, dob.value), line, existing, seen)
    if (duplicate !== null) messages.push(duplicate)
  }
  if (messages.length > 0 || !dob.ok || typeof room === 'string' || typeof keyworker === 'string') {
    return messages.map((message) => ({ line, message }))
  }
  return {
    line,
    firstName,
    lastName,
    dateOfBirth: dob.value,
    roomId: room.id,
    roomName: room.name,
    keyworkerId: keyworker.id,
    keyworkerName: keyworker.name,
  }
}

function duplicateOf(
  key: string,
  line: number,
  existing: RosterLookup,
  seen: Map<string, number>,
): string | null {
  const earlier = seen.get(key)
  if (earlier !== undefined) return `Same child as on line ${earlier}. Remove one of the two lines.`
  seen.set(key, line)
  const onRoster = existing.children.some(
    (c) => childKey(c.firstName, c.lastName, c.dateOfBirth) === key,
  )
  return onRoster ? 'This child is already on the roster. Remove the line.' : null
}
