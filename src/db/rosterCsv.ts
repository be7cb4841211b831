/**
 * Reading a roster CSV into a preview, or into the list of everything wrong with it.
 *
 * The file: one header row, then one child per row, separated by commas, semicolons (what a
 * spreadsheet in many European languages saves as "CSV") or tabs, whichever the header row
 * uses. Columns in any order, any case, with spaces, dots or underscores, in the common
 * spellings ("First Name", "Forename", "Surname", "DOB", "Key person"; see HEADER_NAMES);
 * other columns are ignored:
 *
 *   firstName,lastName,dateOfBirth,room,keyworker
 *   Ava,Appleby,2023-04-30,Caterpillars,Priya Shah
 *
 * A child whose name is already on the roster with another date of birth is accepted with a
 * warning (a possible duplicate, or a twin's namesake): the manager decides, seeing it.
 * dateOfBirth is 2023-04-30 or 30/04/2023; room and keyworker are names as on this device.
 *
 * Invariants: pure (the roster to check against and today's date are arguments); every bad
 * row is reported, each with its line number in the file as a spreadsheet shows it (a quoted
 * cell spanning lines counts all its lines); blank lines are skipped.
 */
import Papa from 'papaparse'
import { dayWords } from '../policy/index.ts'
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
  /** Why to look twice before importing (a possible duplicate child); null when none. */
  warning: string | null
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

/** The separator the header row uses: comma, semicolon or tab, outside quotes. */
function separatorOf(text: string): ',' | ';' | '\t' {
  const firstLine = (text.split('\n').find((l) => l.trim() !== '') ?? '').replace(/"[^"]*"/g, '')
  const count = (c: string) => firstLine.split(c).length - 1
  const [best] = ([',', ';', '\t'] as const)
    .map((c) => ({ c, n: count(c) }))
    .sort((a, b) => b.n - a.n)
  return best !== undefined && best.n > 0 ? best.c : ','
}

function readCsv(text: string): CsvLine[] {
  const clean = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
  const lines: CsvLine[] = []
  let start = 0
  let line = 1
  Papa.parse<string[]>(clean, {
    delimiter: separatorOf(clean),
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

/** "First Name", "first_name", "D.O.B.", "Child's surname" → "firstname", "dob", "surname". */
const normalise = (h: string): string =>
  h
    .trim()
    .toLowerCase()
    .replace(/[\s_.\-'’()]+/g, '')
    .replace(/^childs?(?=.)/, '')

/** The header spellings each column is known by, normalised. */
const HEADER_NAMES: Record<Column, readonly string[]> = {
  firstName: ['firstname', 'forename', 'forenames', 'givenname', 'first'],
  lastName: ['lastname', 'surname', 'familyname', 'last'],
  dateOfBirth: ['dateofbirth', 'dob', 'birthdate', 'birthday', 'born', 'dateborn'],
  room: ['room', 'roomname', 'group', 'class'],
  keyworker: ['keyworker', 'keyperson', 'keyworkername', 'keypersonname'],
}

/** How the missing-column message names each column, with a spelling to use. */
const COLUMN_WORDS: Record<Column, string> = {
  firstName: 'first name (e.g. "First name" or "Forename")',
  lastName: 'last name (e.g. "Last name" or "Surname")',
  dateOfBirth: 'date of birth (e.g. "Date of birth" or "DOB")',
  room: 'room (e.g. "Room")',
  keyworker: 'keyworker (e.g. "Keyworker" or "Key person")',
}

function columnIndexes(header: string[]): Record<Column, number> | Column[] {
  const found = header.map(normalise)
  const at = (c: Column): number => found.findIndex((h) => HEADER_NAMES[c].includes(h))
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

function missingMessage(missing: readonly Column[], header: readonly string[]): string {
  const names = missing.map((c) => COLUMN_WORDS[c])
  const what =
    missing.length === 1
      ? `The column for ${names.join('')} is missing`
      : `The columns for ${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''} are missing`
  const seen = header.map((h) => h.trim()).filter((h) => h !== '')
  const read =
    seen.length === 0 ? '' : ` The first line has: ${seen.map((h) => `"${h}"`).join(', ')}.`
  return `${what}.${read} Name each column in the first line, then try again.`
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
  if (Array.isArray(columns))
    return invalid([{ line: header.line, message: missingMessage(columns, header.cells) }])
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
    warning: namesake(firstName, lastName, dob.value, existing),
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

/** A child on the roster with the same name but another date of birth: maybe the same child. */
function namesake(
  firstName: string,
  lastName: string,
  dateOfBirth: string,
  existing: RosterLookup,
): string | null {
  const name = childKey(firstName, lastName, '')
  const other = existing.children.find(
    (c) => childKey(c.firstName, c.lastName, '') === name && c.dateOfBirth !== dateOfBirth,
  )
  if (other === undefined) return null
  const room = existing.rooms.find((r) => r.id === other.roomId)?.name ?? 'no room'
  return `Possible duplicate: ${other.firstName} ${other.lastName} (born ${dayWords(other.dateOfBirth)}, ${room}) is already on the roster. Import only if this is a different child; otherwise remove the line.`
}
