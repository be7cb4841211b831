// Days as the setting lives them: "YYYY-MM-DD" in the tablet's own time zone, and the instants
// that bound them for the database (stored times are UTC ISO strings). The last 7 and 30 days
// end with the day audited and include it.
import type { AuditDayBounds } from '../../../db/index.ts'

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

function toDay(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

/** Local midnight starting `day` plus `offset` days; null for something that is not a day. */
function midnight(day: string, offset = 0): Date | null {
  const match = DAY_PATTERN.exec(day)
  if (match === null) return null
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + offset)
  return Number.isNaN(date.getTime()) ? null : date
}

export function isDay(text: string): boolean {
  return midnight(text) !== null
}

/** The local day an instant falls on. */
export function dayOf(iso: string): string {
  return toDay(new Date(iso))
}

export function addDays(day: string, days: number): string {
  const date = midnight(day, days)
  return date === null ? day : toDay(date)
}

export type AuditWindows = AuditDayBounds & { weekFrom: string }

export function auditWindows(day: string): AuditWindows {
  const iso = (offset: number) => (midnight(day, offset) ?? new Date(0)).toISOString()
  return { from: iso(0), until: iso(1), weekFrom: iso(-6), monthFrom: iso(-29) }
}

/** The tablet's IANA time zone, which is the setting's: tablets stay in the building. */
export function tabletTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone
}
