/**
 * The server's own, authoritative copy of what the policy engine needs for one setting: staff,
 * locations, children with their injuries, and every consent record. Loaded from `entities`
 * and kept while the setting's sequence number stands still, so a batch of photos is checked
 * against one load.
 *
 * Invariant: a cached copy is used only if `settings.last_seq` is what it was when loaded;
 * every write to the setting's records raises it, so a stale copy is never used.
 */
import type { Kysely } from 'kysely'
import type { ConsentRecord, PolicyContext } from '../../policy/index.ts'
import {
  ChildWireSchema,
  ConsentWireSchema,
  InjuryWireSchema,
  LocationWireSchema,
  StaffWireSchema,
} from '../../protocol/index.ts'
import { lastSeq, listEntities } from '../storage/entities.ts'
import type { Database } from '../storage/schema.ts'

export type PolicyData = Pick<PolicyContext, 'staff' | 'locations' | 'children'> & {
  /** Oldest first, so the records known at a moment are a prefix. */
  consents: ConsentRecord[]
  /** `recordedAt` of each consent, in epoch ms, in the same order. */
  consentTimes: number[]
}

export type PolicyDataLoader = (db: Kysely<Database>, settingId: string) => Promise<PolicyData>

export function policyDataLoader(): PolicyDataLoader {
  const cache = new Map<string, { seq: number; data: PolicyData }>()
  return async (db, settingId) => {
    const seq = await lastSeq(db, settingId)
    const hit = cache.get(settingId)
    if (hit?.seq === seq) return hit.data
    const data = await loadPolicyData(db, settingId)
    cache.set(settingId, { seq, data })
    return data
  }
}

async function loadPolicyData(db: Kysely<Database>, settingId: string): Promise<PolicyData> {
  const [staff, locations, children, injuries, consents] = await Promise.all([
    listEntities(db, settingId, 'staff'),
    listEntities(db, settingId, 'location'),
    listEntities(db, settingId, 'child'),
    listEntities(db, settingId, 'injury'),
    listEntities(db, settingId, 'consent'),
  ])
  const injuryRows = injuries.map((i) => InjuryWireSchema.parse(i))
  return {
    staff: staff.map((s) => {
      const person = StaffWireSchema.parse(s)
      return { id: person.id, name: person.name, canCapture: person.active && person.canCapture }
    }),
    locations: locations.map((l) => {
      const { id, name, kind } = LocationWireSchema.parse(l)
      return { id, name, kind }
    }),
    children: children.map((c) => {
      const { id, firstName, lastName } = ChildWireSchema.parse(c)
      const own = injuryRows.filter((i) => i.childId === id)
      return {
        id,
        firstName,
        lastName,
        injuries: own.map((i) => ({ recordedAt: i.recordedAt, clearedAt: i.clearedAt })),
      }
    }),
    ...byTime(consents.map((c) => ConsentWireSchema.parse(c))),
  }
}

function byTime(records: ConsentRecord[]): { consents: ConsentRecord[]; consentTimes: number[] } {
  const timed = records.map((r) => ({ r, t: Date.parse(r.recordedAt) })).sort((a, b) => a.t - b.t)
  return { consents: timed.map((x) => x.r), consentTimes: timed.map((x) => x.t) }
}
