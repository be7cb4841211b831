/**
 * The server's own, authoritative copy of what the policy engine needs for one setting: staff,
 * locations, children with their injuries, and every consent record. Loaded from `entities`
 * and kept while the setting's sequence number stands still, so a batch of photos is checked
 * against one load.
 *
 * Invariant: a cached copy is used only if `settings.last_seq` is what it was when loaded;
 * every write to the setting's records raises it, so a stale copy is never used. A copy
 * behind it is brought up to date with the records written since (each write gives its
 * record the new sequence number, so those are exactly the changed ones). Every part that
 * changed is a new array and a new object holds them; a part that did not is kept as it was.
 */
import type { Kysely } from 'kysely'
import type { ConsentRecord, PolicyContext } from '../../policy/index.ts'
import {
  ChildWireSchema,
  ConsentWireSchema,
  InjuryWireSchema,
  LocationWireSchema,
  StaffWireSchema,
  type ChildWire,
  type InjuryWire,
  type LocationWire,
  type StaffWire,
} from '../../protocol/index.ts'
import { entitiesSince, lastSeq } from '../storage/entities.ts'
import type { Database } from '../storage/schema.ts'

export type PolicyData = Pick<PolicyContext, 'staff' | 'locations' | 'children'> & {
  /** Oldest first, so the records known at a moment are a prefix. */
  consents: ConsentRecord[]
  /** `recordedAt` of each consent, in epoch ms, in the same order. */
  consentTimes: number[]
}

export type PolicyDataLoader = (db: Kysely<Database>, settingId: string) => Promise<PolicyData>

/** The loader, and `forget` for a setting whose transaction was rolled back. */
export type CachingPolicyDataLoader = PolicyDataLoader & { forget(settingId: string): void }

/** The setting's records as parsed, by kind and id: what a later change is merged into. */
interface Known {
  seq: number
  staff: Map<string, StaffWire>
  location: Map<string, LocationWire>
  child: Map<string, ChildWire>
  injury: Map<string, InjuryWire>
  consent: Map<string, ConsentRecord>
  data: PolicyData
}

type PolicyKind = 'staff' | 'location' | 'child' | 'injury' | 'consent'
const KINDS: readonly PolicyKind[] = ['staff', 'location', 'child', 'injury', 'consent']
const SCHEMAS = {
  staff: StaffWireSchema,
  location: LocationWireSchema,
  child: ChildWireSchema,
  injury: InjuryWireSchema,
  consent: ConsentWireSchema,
} as const
const PAGE = 1_000

/**
 * Kept per setting: when the sequence number has moved, only the records written since are
 * read and parsed (a push of 200 consent records reads 200 rows, not 200 times the setting).
 * A cache read inside a transaction may hold that transaction's uncommitted rows: a caller
 * whose transaction failed calls `forget`, and a sequence number that went backwards (a
 * rollback seen by someone else) reloads everything.
 */
export function policyDataLoader(): CachingPolicyDataLoader {
  const cache = new Map<string, Known>()
  const load = async (db: Kysely<Database>, settingId: string) => {
    const seq = await lastSeq(db, settingId)
    const hit = cache.get(settingId)
    if (hit?.seq === seq) return hit.data
    const known = hit !== undefined && hit.seq < seq ? hit : emptyKnown()
    const merged = await mergeSince(db, settingId, known)
    known.data = toPolicyData(known, merged)
    cache.set(settingId, known)
    return known.data
  }
  return Object.assign(load, {
    forget: (settingId: string) => {
      cache.delete(settingId)
    },
  })
}

function emptyKnown(): Known {
  return {
    seq: 0,
    staff: new Map(),
    location: new Map(),
    child: new Map(),
    injury: new Map(),
    consent: new Map(),
    data: { staff: [], locations: [], children: [], consents: [], consentTimes: [] },
  }
}

/** What a merge brought. */
interface Merged {
  /** The kinds among its rows. */
  kinds: Set<PolicyKind>
  /** Consent records the cache did not hold before, in the order they were written. */
  newConsents: ConsentRecord[]
  /** Whether a consent record the cache held was written again. */
  consentRewritten: boolean
}

/** Merges the rows written since `known.seq`; what they were. */
async function mergeSince(db: Kysely<Database>, settingId: string, known: Known): Promise<Merged> {
  const merged: Merged = { kinds: new Set(), newConsents: [], consentRewritten: false }
  for (;;) {
    const page = await entitiesSince(db, settingId, known.seq, PAGE)
    for (const row of page.rows) {
      known.seq = row.seq
      const kind = row.kind as string
      if (!(KINDS as readonly string[]).includes(kind)) continue
      const parsed = SCHEMAS[kind as PolicyKind].parse(JSON.parse(row.payload))
      if (kind === 'consent') {
        if (known.consent.has(row.id)) merged.consentRewritten = true
        else merged.newConsents.push(parsed as ConsentRecord)
      }
      ;(known[kind as PolicyKind] as Map<string, unknown>).set(row.id, parsed)
      merged.kinds.add(kind as PolicyKind)
    }
    if (!page.more) return merged
  }
}

/**
 * The data after a merge. A part whose kinds did not change is the same array as before, and
 * the whole is the same object if none did (photo statuses move the sequence number too), so
 * what is built from a part (checkPhoto.ts's contexts) is kept for as long as it stands.
 * New consent records are merged into the sorted ones; only a record written again sorts
 * them all again.
 */
function toPolicyData(known: Known, merged: Merged): PolicyData {
  const was = known.data
  const changed = merged.kinds
  if (changed.size === 0) return was
  return {
    staff: changed.has('staff') ? staffOf(known) : was.staff,
    locations: changed.has('location')
      ? [...known.location.values()].map(({ id, name, kind }) => ({ id, name, kind }))
      : was.locations,
    children: changed.has('child') || changed.has('injury') ? childrenOf(known) : was.children,
    ...consentsAfter(known, merged),
  }
}

/** The consent records by time after a merge: as they were, with the new ones, or all again. */
function consentsAfter(known: Known, merged: Merged): ByTime {
  const was = known.data
  if (!merged.kinds.has('consent'))
    return { consents: was.consents, consentTimes: was.consentTimes }
  if (merged.consentRewritten) return byTime([...known.consent.values()])
  return withNew(was, merged.newConsents)
}

function staffOf(known: Known): PolicyData['staff'] {
  return [...known.staff.values()].map((person) => ({
    id: person.id,
    name: person.name,
    canCapture: person.active && person.canCapture,
  }))
}

function childrenOf(known: Known): PolicyData['children'] {
  const injuries = new Map<string, InjuryWire[]>()
  for (const injury of known.injury.values()) {
    const own = injuries.get(injury.childId) ?? []
    own.push(injury)
    injuries.set(injury.childId, own)
  }
  return [...known.child.values()].map(({ id, firstName, lastName }) => ({
    id,
    firstName,
    lastName,
    injuries: (injuries.get(id) ?? []).map((i) => ({
      recordedAt: i.recordedAt,
      clearedAt: i.clearedAt,
    })),
  }))
}

type ByTime = Pick<PolicyData, 'consents' | 'consentTimes'>
type Timed = { r: ConsentRecord; t: number }

/** Oldest first; records of the same moment in the order given. */
function byTime(records: ConsentRecord[]): ByTime {
  return unzip(sortedByTime(records))
}

function sortedByTime(records: ConsentRecord[]): Timed[] {
  return records.map((r) => ({ r, t: Date.parse(r.recordedAt) })).sort((a, b) => a.t - b.t)
}

function unzip(timed: readonly Timed[]): ByTime {
  return { consents: timed.map((x) => x.r), consentTimes: timed.map((x) => x.t) }
}

/**
 * `was` with `added` merged in, as `byTime` of all of them in the cache's order would give it
 * (the ones held before come first among records of the same moment). A burst's catch-ups
 * each sorted thousands of records again for a few new ones: 150–240 ms of the withdrawals'
 * thread in a PostgreSQL burst, in the way of the withdrawals.
 */
function withNew(was: ByTime, added: ConsentRecord[]): ByTime {
  const fresh = sortedByTime(added)
  const last = was.consentTimes.at(-1)
  const first = fresh[0]
  if (first === undefined || last === undefined || last <= first.t) {
    // A tablet online all day: what was recorded since is the newest.
    return {
      consents: was.consents.concat(fresh.map((x) => x.r)),
      consentTimes: was.consentTimes.concat(fresh.map((x) => x.t)),
    }
  }
  const merged: Timed[] = []
  let j = 0
  was.consents.forEach((r, i) => {
    const t = was.consentTimes[i] ?? Date.parse(r.recordedAt)
    for (let next = fresh[j]; next !== undefined && next.t < t; next = fresh[++j]) merged.push(next)
    merged.push({ r, t })
  })
  return unzip(merged.concat(fresh.slice(j)))
}
