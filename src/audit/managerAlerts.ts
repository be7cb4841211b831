/**
 * The manager's alerts on Home: what needs doing now, each with what to do next. Computed from
 * facts the tablet holds; facts the tablet cannot know (a device unseen for 7 days, photos
 * quarantined on other tablets, another tablet's broken audit chain: only the server sees
 * them) are passed in by the caller from the last sync, or left out before the first.
 *
 * Invariants: pure; an alert is only raised on a fact, never on a guess; no alerts is a
 * real answer ("nothing needs your attention"), not an absence.
 */
import type { RemovalFlag } from '../model/records.ts'
import { purposeLabel } from '../policy/index.ts'
import type { AuditDirectory } from './auditDirectory.ts'
import { dayTimeWords } from './auditWords.ts'
import { chainWords } from './dailyAudit.ts'
import { refusalLine, type RefusalFact } from './refusalWords.ts'
import type { ChainVerdict } from './verifyChain.ts'

export type AlertId =
  | 'chain'
  | 'tabletChains'
  | 'refused'
  | 'unsent'
  | 'quarantined'
  | 'flagged'
  | 'reviews'
  | 'devices'

export interface ManagerAlert {
  id: AlertId
  title: string
  detail: string
  /** Where to act on it, when there is a screen for that. */
  action: 'audit' | 'photos' | 'reviews' | null
  /** One line per case, when there are several to list. */
  items?: string[]
  /** The refusals the manager marks as seen from this alert ("Mark as seen"). */
  seenIds?: string[]
}

export interface AlertInput {
  now: string
  timeZone: string
  names: AuditDirectory
  unsent: readonly { takenAt: string; deviceId: string }[]
  flagged: readonly { childIds: readonly string[]; flaggedForRemoval: readonly RemovalFlag[] }[]
  quarantined: number
  reviews: { overdue: number; dueSoon: number }
  chain: ChainVerdict
  /** From the server, when sync provides it: devices not seen for 7 days. */
  unseenDevices?: readonly { deviceId: string; name?: string; lastSeen: string }[]
  /** From the server: kept photos it quarantined on any tablet (this one's included). */
  settingQuarantined?: number
  /** From the server: problems it found in tablets' audit chains when they arrived. */
  chainProblems?: readonly { deviceId: string; name: string; message: string; detectedAt: string }[]
  /** This tablet's changes the server refused, not yet marked as seen. */
  refusals?: readonly (RefusalFact & { id: string })[]
  /**
   * This tablet is the local demo, never enrolled: its photos are sample data that stay here
   * (decision 0015), so they are not "late", and no server has seen them.
   */
  sampleOnly?: boolean
}

const DAY_MS = 86_400_000
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

export function managerAlerts(input: AlertInput): ManagerAlert[] {
  const alerts: (ManagerAlert | null)[] = [
    input.chain.ok
      ? null
      : { id: 'chain', title: chainWords(input.chain), detail: '', action: 'audit' },
    tabletChainsAlert(input),
    refusedAlert(input),
    unsentAlert(input),
    quarantinedAlert(input),
    flaggedAlert(input),
    reviewsAlert(input.reviews),
    devicesAlert(input),
  ]
  return alerts.filter((a): a is ManagerAlert => a !== null)
}

function tabletChainsAlert(input: AlertInput): ManagerAlert | null {
  const problems = input.chainProblems ?? []
  if (problems.length === 0) return null
  const tablets = new Set(problems.map((p) => p.deviceId)).size
  const lines = problems.map(
    (p) => `“${p.name}”: ${p.message} (found ${dayTimeWords(p.detectedAt, input.timeZone)})`,
  )
  return {
    id: 'tabletChains',
    title: `The audit record of ${plural(tablets, 'tablet', 'tablets')} did not check out on the server`,
    detail: `${lines.join(' ')} Keep ${tablets === 1 ? 'that tablet' : 'those tablets'} as they are and tell the data protection lead.`,
    action: null,
  }
}

function refusedAlert(input: AlertInput): ManagerAlert | null {
  const refusals = input.refusals ?? []
  if (refusals.length === 0) return null
  return {
    id: 'refused',
    title: `${plural(refusals.length, 'change', 'changes')} made on this tablet refused by the server`,
    detail:
      refusals.length === 1
        ? 'The server did not accept it, so it is not part of the setting’s records. Make the change again if it is still needed (as the manager, or after syncing), then mark it as seen.'
        : 'The server did not accept them, so they are not part of the setting’s records. Make each change again if it is still needed (as the manager, or after syncing), then mark them as seen.',
    action: null,
    items: refusals.map((r) => refusalLine(r, input.names, input.timeZone)),
    seenIds: refusals.map((r) => r.id),
  }
}

function quarantinedAlert(input: AlertInput): ManagerAlert | null {
  const count = Math.max(input.settingQuarantined ?? 0, input.quarantined)
  if (count === 0) return null
  const here =
    input.settingQuarantined === undefined || input.quarantined === count
      ? ''
      : `${input.quarantined} of them on this tablet. `
  return {
    id: 'quarantined',
    title: `${plural(count, 'photo', 'photos')} quarantined by the server`,
    detail: `${here}The server found a consent problem when it checked them again. Open the daily audit.`,
    action: 'audit',
  }
}

function unsentAlert(input: AlertInput): ManagerAlert | null {
  if (input.sampleOnly === true) return sampleAlert(input)
  const cutoff = Date.parse(input.now) - DAY_MS
  const late = input.unsent.filter((p) => Date.parse(p.takenAt) <= cutoff)
  if (late.length === 0) return null
  const oldest = late.reduce((a, b) => (a.takenAt <= b.takenAt ? a : b))
  const devices = [...new Set(late.map((p) => p.deviceId))].join(', ')
  return {
    id: 'unsent',
    title: `${plural(late.length, 'photo', 'photos')} not sent to the server 24 hours after capture`,
    detail: `On tablet ${devices}; the oldest was taken ${dayTimeWords(oldest.takenAt, input.timeZone)}. Connect the tablet to the setting’s Wi-Fi so they are sent.`,
    action: 'photos',
  }
}

function sampleAlert(input: AlertInput): ManagerAlert | null {
  const count = input.unsent.length
  if (count === 0) return null
  return {
    id: 'unsent',
    title: `${plural(count, 'sample photo', 'sample photos')} on this tablet only`,
    detail:
      'Taken in the demo. Enrolled with a code for the server’s demo setting, this tablet sends them there as sample data; with a code for your own setting they are deleted first.',
    action: 'photos',
  }
}

function flaggedAlert(input: AlertInput): ManagerAlert | null {
  if (input.flagged.length === 0) return null
  const uses = new Map<string, Set<string>>()
  for (const photo of input.flagged) {
    for (const flag of photo.flaggedForRemoval) {
      const child = input.names.childName(flag.childId)
      const set = uses.get(child) ?? new Set<string>()
      flag.purposes.forEach((p) => set.add(purposeLabel(p)))
      uses.set(child, set)
    }
  }
  const where = [...uses].map(([child, set]) => `${child}: ${[...set].join(', ')}`).join('; ')
  return {
    id: 'flagged',
    title: `${plural(input.flagged.length, 'photo', 'photos')} to remove after a withdrawal of consent`,
    detail: `Remove them wherever they are used (${where}), then delete them from the tablet.`,
    action: 'audit',
  }
}

function reviewsAlert(reviews: { overdue: number; dueSoon: number }): ManagerAlert | null {
  if (reviews.overdue === 0 && reviews.dueSoon === 0) return null
  return {
    id: 'reviews',
    // Children, as the reviews page lists them (one parent, one form), not purposes.
    title: `Consent reviews: ${plural(reviews.overdue, 'child', 'children')} overdue, ${reviews.dueSoon} due in the next 30 days`,
    detail: 'An overdue consent no longer allows photos. Ask the parent to review the form.',
    action: 'reviews',
  }
}

function devicesAlert(input: AlertInput): ManagerAlert | null {
  const unseen = input.unseenDevices ?? []
  if (unseen.length === 0) return null
  return {
    id: 'devices',
    title: `${plural(unseen.length, 'tablet', 'tablets')} not seen for 7 days`,
    detail: `${unseen.map((d) => `${d.name ?? d.deviceId} (last seen ${dayTimeWords(d.lastSeen, input.timeZone)})`).join(', ')}. Find it, or revoke it if it is lost.`,
    action: null,
  }
}
