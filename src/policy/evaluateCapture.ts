/**
 * The decision: may this photo be kept? Implements every capture rule of docs/RULES.md.
 *
 * Default stance: deny unless every rule is satisfied; a missing record is no consent.
 * Pure: "now" is context.now, the capture time is request.at; no clock, storage or DOM.
 * Every finding is reported, not just the first, so the practitioner (and the audit) sees
 * all that is wrong at once. permittedPurposes are the requested purposes that would not be
 * blocked if each were asked alone.
 */
import { DAY_MS, HOUR_MS, toMs } from './calendar.ts'
import { compileContext, type CompiledContext } from './compileContext.ts'
import type { Decision, Finding } from './decision.ts'
import { decideChain, STATUS_RULE } from './effectiveConsent.ts'
import { captionWords, foldName } from './nameMatch.ts'
import { parseOrThrow } from './PolicyInputError.ts'
import { findingMessage, type MessageFacts } from './findingMessage.ts'
import { isBlank } from './isBlank.ts'
import { RULE_IDS, type RuleId } from './rules.ts'
import {
  CaptureRequestSchema,
  type CaptureRequest,
  type PolicyContext,
  type Purpose,
  type Severity,
  type Verdict,
} from './schema.ts'

const STALE_WARN_MS = 24 * HOUR_MS
const STALE_BLOCK_MS = 7 * DAY_MS
const PROHIBITED_KINDS = new Set(['toilet', 'changing'])
const RULE_ORDER = new Map<RuleId, number>(RULE_IDS.map((id, i) => [id, i]))

/**
 * Decide a capture. Throws PolicyInputError, naming the fields, for a request or context
 * that is not of the contract's shape; such input is never evaluated.
 */
export function evaluateCapture(request: CaptureRequest, context: PolicyContext): Decision {
  const compiled = compileContext(context)
  const parsed = parseOrThrow(CaptureRequestSchema, request, 'request', 'capture request')
  return decide(parsed, compiled)
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)]
}

interface NamedInCaption {
  childId: string
  name: string
  /** The name is the first name of the only tagged child. */
  ownName: boolean
}

function decide(req: CaptureRequest, ctx: CompiledContext): Decision {
  const atMs = toMs(req.at)
  const purposes = unique(req.purposes)
  const childIds = unique(req.childIds)
  const findings: Finding[] = []
  const facts: MessageFacts = { ctx, req }
  const add = (rule: RuleId, severity: Severity, childId?: string, purpose?: Purpose): void => {
    const finding: Finding = { rule, severity, message: '' }
    if (childId !== undefined) finding.childId = childId
    if (purpose !== undefined) finding.purpose = purpose
    finding.message = findingMessage(finding, facts)
    findings.push(finding)
  }

  // Rules that block every purpose alike.
  const staff = ctx.staff.get(req.staffId)
  if (staff === undefined || !staff.canCapture) add('staff-not-authorised', 'block')
  const device = ctx.devices.get(req.deviceId)
  if (device === undefined || !device.enrolled || device.revoked)
    add('device-not-enrolled', 'block')
  const location = ctx.locations.get(req.locationId)
  if (location === undefined || PROHIBITED_KINDS.has(location.kind)) {
    add('prohibited-location', 'block')
  }
  if (purposes.length === 0) add('no-purpose', 'block')
  // Tag every child, or attest that there are none; never both (one of the two is wrong).
  const noneAttested = req.attestations.noChildrenInFrame
  if (childIds.length === 0 ? !noneAttested : noneAttested) add('children-not-identified', 'block')
  // A tagged id that is not a child on the roster: no consent, injury or name check is possible
  // for a child the setting does not know, so it is reported once, as not identified.
  const unknownIds = childIds.filter((id) => !ctx.children.has(id))
  for (const id of unknownIds) add('children-not-identified', 'block', id)
  const knownIds = childIds.filter((id) => ctx.children.has(id))

  // Consent, per child and per needed purpose. A group learning-journey photo goes into other
  // children's journeys too, so it also needs every tagged child's group_photo consent.
  const needed =
    childIds.length >= 2 && purposes.includes('learning_journey')
      ? unique<Purpose>([...purposes, 'group_photo'])
      : purposes
  const consentBlocked = new Set<Purpose>()
  const chainsByChild = knownIds.map((id) => ctx.chainsOf(id))
  for (const purpose of needed) {
    for (let i = 0; i < knownIds.length; i++) {
      const childId = knownIds[i] ?? ''
      const verdict = decideChain(chainsByChild[i]?.get(purpose), atMs)
      const rule = STATUS_RULE[verdict.status]
      if (rule === null) continue
      consentBlocked.add(purpose)
      add(rule, 'block', childId, purpose)
      if (verdict.alsoExpired) add('consent-expired', 'block', childId, purpose)
    }
  }

  for (const childId of knownIds) {
    const child = ctx.children.get(childId)
    const injured = child?.injuries.some(
      (i) => toMs(i.recordedAt) <= atMs && (i.clearedAt === null || atMs < toMs(i.clearedAt)),
    )
    if (injured === true) add('injury-recorded', 'block', childId)
  }

  if (!req.attestations.fullyDressed) add('not-fully-dressed', 'block')
  if (!req.attestations.noVisibleInjury) add('visible-injury', 'block')
  if (!req.attestations.childrenWilling) add('child-unwilling', 'block')

  const named = namedInCaption(req.caption, childIds, ctx)
  const onlyChild = childIds.length === 1
  const ownJourneyOnly = onlyChild && purposes.length === 1 && purposes[0] === 'learning_journey'
  for (const n of named) {
    if (!(ownJourneyOnly && n.ownName)) add('caption-names-child', 'block', n.childId)
  }

  if (req.adultInFrame && onlyChild) add('one-to-one-with-adult', 'reason', childIds[0])
  if (purposes.includes('publicity')) add('publicity-needs-photo-approval', 'warn')

  const age = ctx.nowMs - ctx.syncedMs
  if (age > STALE_BLOCK_MS) add('consent-data-stale', 'block')
  else if (age > STALE_WARN_MS) add('consent-data-stale', 'warn')

  findings.sort((a, b) => (RULE_ORDER.get(a.rule) ?? 0) - (RULE_ORDER.get(b.rule) ?? 0))

  const blocksAll = findings.some(
    (f) => f.severity === 'block' && f.purpose === undefined && f.rule !== 'caption-names-child',
  )
  const permittedPurposes = blocksAll
    ? []
    : purposes.filter((p) => {
        if (consentBlocked.has(p)) return false
        if (p === 'learning_journey' && childIds.length >= 2 && consentBlocked.has('group_photo')) {
          return false
        }
        const exempt = onlyChild && p === 'learning_journey'
        return named.every((n) => exempt && n.ownName)
      })

  const reasonMissing =
    findings.some((f) => f.severity === 'reason') && (req.reason === null || isBlank(req.reason))
  const verdict: Verdict = findings.some((f) => f.severity === 'block')
    ? 'block'
    : reasonMissing
      ? 'needs_reason'
      : 'allow'
  return { verdict, findings, permittedPurposes }
}

/** Roster children whose first name the caption contains as a whole word, in any case. */
function namedInCaption(
  caption: string,
  childIds: readonly string[],
  ctx: CompiledContext,
): NamedInCaption[] {
  if (caption.trim() === '') return []
  const folded = foldName(caption)
  const hits = new Map<string, readonly string[]>()
  for (const word of captionWords(folded)) {
    const ids = ctx.singleWordNames.get(word)
    if (ids !== undefined) hits.set(word, ids)
  }
  for (const phrase of ctx.phraseNames) {
    if (phrase.pattern.test(folded)) hits.set(phrase.folded, phrase.childIds)
  }
  const only = childIds.length === 1 ? ctx.children.get(childIds[0] ?? '') : undefined
  const ownFolded = only === undefined ? null : foldName(only.firstName)
  const result: NamedInCaption[] = []
  for (const [name, ids] of hits) {
    // Report against a tagged child of that name if there is one, else the first on the roster.
    const childId = ids.find((id) => childIds.includes(id)) ?? ids[0]
    if (childId === undefined) continue
    result.push({ childId, name, ownName: name === ownFolded })
  }
  return result
}
