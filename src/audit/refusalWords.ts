/**
 * A change the server refused, in the manager's words: what it was about (whose record, which
 * consent), who made it and when, the server's reason, and what this tablet did about it.
 * The refused record is described from the change itself, since the tablet may no longer hold
 * it (a record the server does not have is removed from the tablet).
 */
import type { Refusal } from '../model/records.ts'
import { purposeLabel, PURPOSES, type Purpose } from '../policy/index.ts'
import type { AuditDirectory } from './auditDirectory.ts'
import { dayTimeWords } from './auditWords.ts'

export type RefusalFact = Pick<
  Refusal,
  'kind' | 'entityId' | 'madeAt' | 'actorId' | 'message' | 'payload' | 'outcome'
>

function text(payload: unknown, key: string): string | null {
  if (typeof payload !== 'object' || payload === null) return null
  const value = (payload as Record<string, unknown>)[key]
  return typeof value === 'string' && value !== '' ? value : null
}

function isPurpose(value: string | null): value is Purpose {
  return PURPOSES.some((p) => p === value)
}

/** What the refused change was about, e.g. "Consent of Ava Brown for Website (granted)". */
export function refusedWhat(refusal: RefusalFact, names: AuditDirectory): string {
  const { payload } = refusal
  const child = (): string => names.childName(text(payload, 'childId') ?? '')
  switch (refusal.kind) {
    case 'consent': {
      const purpose = text(payload, 'purpose')
      const label = isPurpose(purpose) ? purposeLabel(purpose) : 'a purpose'
      return `Consent of ${child()} for ${label} (${text(payload, 'status') ?? 'recorded'})`
    }
    case 'injury':
      return `Injury record of ${child()}`
    case 'staff':
      return `Staff record of ${text(payload, 'name') ?? names.staffName(refusal.entityId)}`
    case 'staffPin':
      return `New PIN of ${names.staffName(refusal.entityId)}`
    case 'child': {
      const name = [text(payload, 'firstName'), text(payload, 'lastName')].filter(Boolean)
      return `Roster entry of ${name.length > 0 ? name.join(' ') : refusal.entityId}`
    }
    case 'location':
      return `Location “${text(payload, 'name') ?? refusal.entityId}”`
    case 'photo':
      return `Photo taken ${text(payload, 'takenAt') ?? ''}`.trim()
  }
}

const OUTCOME_WORDS: Record<Refusal['outcome'], string> = {
  'server-copy': 'This tablet now shows the server’s version.',
  removed: 'It has been removed from this tablet, as the server does not have it.',
  kept: 'This tablet still shows its own version.',
}

/** One line of the alert: what, who and when, the server's reason, what the tablet did. */
export function refusalLine(refusal: RefusalFact, names: AuditDirectory, timeZone: string): string {
  const who = names.staffName(refusal.actorId)
  const when = dayTimeWords(refusal.madeAt, timeZone)
  return `${refusedWhat(refusal, names)}, changed by ${who} on ${when}: ${refusal.message} ${OUTCOME_WORDS[refusal.outcome]}`
}
