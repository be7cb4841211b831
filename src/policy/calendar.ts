/**
 * Date arithmetic for the policy, in UTC and from arguments only (the engine never reads a
 * clock). Times are compared as epoch milliseconds parsed from ISO strings with an offset.
 */

export const HOUR_MS = 3_600_000
export const DAY_MS = 24 * HOUR_MS

export function toMs(iso: string): number {
  return Date.parse(iso)
}

/**
 * The same moment `months` calendar months later, in UTC. A day that does not exist in the
 * target month is clamped to its last day (29 Feb 2024 + 12 months = 28 Feb 2025), so a
 * review date never spills into the month after.
 */
export function addCalendarMonthsMs(ms: number, months: number): number {
  const d = new Date(ms)
  const totalMonths = d.getUTCFullYear() * 12 + d.getUTCMonth() + months
  const year = Math.floor(totalMonths / 12)
  const month = totalMonths - year * 12
  const daysInTarget = new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
  const day = Math.min(d.getUTCDate(), daysInTarget)
  return Date.UTC(
    year,
    month,
    day,
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    d.getUTCMilliseconds(),
  )
}

export function toIso(ms: number): string {
  return new Date(ms).toISOString()
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** The calendar day of an ISO time as the setting writes dates ("19 Nov 2026", en-GB). */
export function dayWords(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number)
  const month = MONTHS[(m ?? 1) - 1] ?? ''
  return `${String(d)} ${month} ${String(y)}`
}
