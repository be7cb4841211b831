/**
 * The words the daily audit uses for stored codes, shared by the screen, the CSV and the PDF so
 * the three always say the same thing. Times are shown in the setting's time zone, passed in:
 * this folder never reads the platform's clock or locale.
 */
import type { SyncState } from '../model/records.ts'
import { RULE_IDS, RULES, type Verdict } from '../policy/index.ts'

const VERDICT_WORDS: Record<Verdict, string> = {
  allow: 'Allowed',
  needs_reason: 'Allowed with a reason',
  block: 'Blocked',
}

const SYNC_WORDS: Record<SyncState, string> = {
  waiting: 'Not sent yet',
  uploading: 'Sending',
  sent: 'Sent to the server',
}

export function verdictWords(verdict: Verdict): string {
  return VERDICT_WORDS[verdict]
}

export function syncWords(state: SyncState): string {
  return SYNC_WORDS[state]
}

/** A rule's summary, or its id when this version does not know it (a newer device's rule). */
export function ruleWords(rule: string): string {
  const known = RULE_IDS.find((id) => id === rule)
  return known === undefined ? rule : RULES[known].summary
}

const formatters = new Map<string, Intl.DateTimeFormat>()

/** "09:05" in the given IANA time zone. */
export function clockTime(iso: string, timeZone: string): string {
  let format = formatters.get(timeZone)
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone })
    formatters.set(timeZone, format)
  }
  return format.format(new Date(iso))
}

const DAY_WORDS = new Intl.DateTimeFormat('en-GB', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
})

/** "Monday 23 November 2026" for "2026-11-23" (a calendar day: no time zone applies). */
export function dayWords(day: string): string {
  return DAY_WORDS.format(new Date(`${day}T12:00:00Z`)).replace(',', '')
}

const dayTimeFormatters = new Map<string, Intl.DateTimeFormat>()

/** "23 Nov 2026, 17:00" in the given IANA time zone. */
export function dayTimeWords(iso: string, timeZone: string): string {
  let format = dayTimeFormatters.get(timeZone)
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-GB', {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone,
    })
    dayTimeFormatters.set(timeZone, format)
  }
  return format.format(new Date(iso))
}
