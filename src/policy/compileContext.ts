/**
 * A PolicyContext validated once and indexed for fast decisions: consent chains by child and
 * purpose, people and places by id, first names for the caption rule. The capture screen asks
 * for a decision on every tag and purpose change against the same context, so the work that
 * depends only on the context is done here, once per context object.
 *
 * Invariant: a context is a value. Build a new object for new data; an object that has been
 * evaluated must not be mutated afterwards (the cache is keyed by identity).
 */
import { toMs } from './calendar.ts'
import { buildConsentChain, type ConsentChain } from './effectiveConsent.ts'
import { parseOrThrow } from './PolicyInputError.ts'
import {
  PolicyContextSchema,
  type ConsentRecord,
  type PolicyChild,
  type PolicyContext,
  type PolicyDevice,
  type PolicyLocation,
  type PolicyStaff,
  type Purpose,
} from './schema.ts'
import { foldName, isSingleWord } from './nameMatch.ts'

export interface CompiledContext {
  readonly context: PolicyContext
  readonly nowMs: number
  readonly syncedMs: number
  readonly staff: ReadonlyMap<string, PolicyStaff>
  readonly devices: ReadonlyMap<string, PolicyDevice>
  readonly locations: ReadonlyMap<string, PolicyLocation>
  readonly children: ReadonlyMap<string, PolicyChild>
  /** The consent chains of one child, by purpose; undefined when the child has no records. */
  chainsOf(childId: string): ReadonlyMap<Purpose, ConsentChain> | undefined
  chain(childId: string, purpose: Purpose): ConsentChain | undefined
  /** Folded single-word first names → the children who have them. */
  readonly singleWordNames: ReadonlyMap<string, readonly string[]>
  /** First names with spaces, hyphens or apostrophes, matched by pattern. */
  readonly phraseNames: readonly { folded: string; pattern: RegExp; childIds: string[] }[]
}

const cache = new WeakMap<object, CompiledContext>()

export function compileContext(input: unknown): CompiledContext {
  if (typeof input === 'object' && input !== null) {
    const hit = cache.get(input)
    if (hit !== undefined) return hit
  }
  const context = parseOrThrow(PolicyContextSchema, input, 'context', 'policy context')
  const compiled = build(context)
  if (typeof input === 'object' && input !== null) cache.set(input, compiled)
  return compiled
}

function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  const map = new Map<string, T>()
  for (const item of items) map.set(item.id, item)
  return map
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function build(context: PolicyContext): CompiledContext {
  // Indexed by child, then purpose: a decision looks up (child, purpose) hundreds of times.
  const grouped = new Map<string, Map<Purpose, ConsentRecord[]>>()
  for (const record of context.consents) {
    let byPurpose = grouped.get(record.childId)
    if (byPurpose === undefined) {
      byPurpose = new Map<Purpose, ConsentRecord[]>()
      grouped.set(record.childId, byPurpose)
    }
    const list = byPurpose.get(record.purpose)
    if (list === undefined) byPurpose.set(record.purpose, [record])
    else list.push(record)
  }
  const chains = new Map<string, Map<Purpose, ConsentChain>>()
  for (const [childId, byPurpose] of grouped) {
    const built = new Map<Purpose, ConsentChain>()
    for (const [purpose, records] of byPurpose) built.set(purpose, buildConsentChain(records))
    chains.set(childId, built)
  }

  const singleWordNames = new Map<string, string[]>()
  const phrases = new Map<string, string[]>()
  for (const child of context.children) {
    const folded = foldName(child.firstName)
    if (folded === '') continue
    const target = isSingleWord(folded) ? singleWordNames : phrases
    const ids = target.get(folded)
    if (ids === undefined) target.set(folded, [child.id])
    else ids.push(child.id)
  }
  const phraseNames = [...phrases].map(([folded, childIds]) => ({
    folded,
    childIds,
    pattern: new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(folded)}(?![\\p{L}\\p{N}])`, 'u'),
  }))

  return {
    context,
    nowMs: toMs(context.now),
    syncedMs: toMs(context.consentDataSyncedAt),
    staff: byId(context.staff),
    devices: byId(context.devices),
    locations: byId(context.locations),
    children: byId(context.children),
    chainsOf: (childId) => chains.get(childId),
    chain: (childId, purpose) => chains.get(childId)?.get(purpose),
    singleWordNames,
    phraseNames,
  }
}
