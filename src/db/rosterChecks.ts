/**
 * The checks a roster row must pass, shared by the CSV preview and the import (which runs
 * them again inside its transaction, in case the roster changed since the preview).
 * Every message names the problem and what to write instead.
 */
import type { StaffRole } from '../policy/index.ts'
import type { Child, Room, Staff } from '../model/records.ts'

export interface RosterLookup {
  rooms: readonly Room[]
  staff: readonly Staff[]
  children: readonly Child[]
  /** YYYY-MM-DD: a date of birth after it is refused. */
  today: string
}

const KEYWORKER_ROLES: readonly StaffRole[] = ['manager', 'keyworker', 'practitioner']
const OLDEST_YEARS = 12

function fold(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ')
}

/** The same child: same names (any case) and date of birth. */
export function childKey(firstName: string, lastName: string, dateOfBirth: string): string {
  return `${fold(firstName)}\u0000${fold(lastName)}\u0000${dateOfBirth}`
}

function isCalendarDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0')

function dateParts(text: string): [number, number, number] | null {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text)
  if (iso) return [Number(iso[1]), Number(iso[2]), Number(iso[3])]
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text)
  if (uk) return [Number(uk[3]), Number(uk[2]), Number(uk[1])]
  return null
}

/** YYYY-MM-DD or DD/MM/YYYY (as UK spreadsheets write it) → YYYY-MM-DD, or why not. */
export function parseDateOfBirth(
  text: string,
  today: string,
): { ok: true; value: string } | { ok: false; message: string } {
  const [y, m, d] = dateParts(text.trim()) ?? [0, 0, 0]
  if (y === 0 || !isCalendarDate(y, m, d)) {
    const shown = text.trim() === '' ? 'is missing' : `"${text.trim()}" is not a date`
    return { ok: false, message: `Date of birth ${shown}. Write it as 2023-04-30 or 30/04/2023.` }
  }
  const value = `${pad(y, 4)}-${pad(m)}-${pad(d)}`
  if (value > today)
    return { ok: false, message: `Date of birth ${value} is in the future. Check the year.` }
  const oldest = `${pad(Number(today.slice(0, 4)) - OLDEST_YEARS, 4)}${today.slice(4)}`
  if (value < oldest) {
    return {
      ok: false,
      message: `Date of birth ${value} is over ${OLDEST_YEARS} years ago. Check the year.`,
    }
  }
  return { ok: true, value }
}

export function findRoom(name: string, rooms: readonly Room[]): Room | string {
  const room = rooms.find((r) => fold(r.name) === fold(name))
  if (room !== undefined) return room
  const known = rooms.map((r) => r.name).join(', ')
  if (name.trim() === '') return `Room is missing. Rooms on this device: ${known}.`
  return `There is no room called "${name.trim()}". Rooms on this device: ${known}.`
}

export function findKeyworker(name: string, staff: readonly Staff[]): Staff | string {
  if (name.trim() === '') return 'Keyworker is missing. Write the full name of a member of staff.'
  const matches = staff.filter((s) => s.active && fold(s.name) === fold(name))
  const [only] = matches
  if (only === undefined)
    return `No current member of staff is called "${name.trim()}". Check the spelling, or add them first.`
  if (matches.length > 1)
    return `Two members of staff are called "${name.trim()}". Ask the manager to tell them apart.`
  if (!KEYWORKER_ROLES.includes(only.role))
    return `${only.name} is a ${only.role} and cannot be a keyworker.`
  return only
}
