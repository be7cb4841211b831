/**
 * The daily audit of a whole setting from the server's data: every tablet's photos, blocked
 * attempts, tag removals and deletions of one day, and the photo uses and publicity approvals
 * recorded in the library that day, shaped by src/audit's buildDailyAudit so
 * the server's CSV and PDF read exactly like a tablet's.
 *
 * Invariants:
 * - Scoped by the setting. The day is the server's local day (TZ), as a tablet's is its own.
 * - Times are compared as instants (stored ISO strings may carry any offset), so the query
 *   takes a wider window and the exact day is cut here.
 * - The chain line says whether every tablet's audit record verified when it arrived; a
 *   problem names the tablet.
 */
import type { Kysely } from 'kysely'
import type { z } from 'zod'
import {
  auditDirectory,
  buildDailyAudit,
  type AuditApproval,
  type AuditPhoto,
  type AuditUse,
  type ChainProblemCode,
  type ChainVerdict,
  type DailyAudit,
} from '../../audit/index.ts'
import { RULE_IDS, type RuleId } from '../../policy/index.ts'
import {
  ChildWireSchema,
  GivenByWireSchema,
  LocationWireSchema,
  PhotoMetaWireSchema,
  PurposeSchema,
  StaffWireSchema,
} from '../../protocol/index.ts'
import { metaOf, statusOf, type PhotoRow } from '../ingest/photoRows.ts'
import { listEntities } from '../storage/entities.ts'
import type { Database } from '../storage/schema.ts'
import { eventOf } from './chainStore.ts'

const EVENT_TYPES = ['capture-blocked', 'capture-tag-removed', 'photo-deleted']
/** No offset is further from UTC than this, so this margin never misses a row. */
const MARGIN_MS = 15 * 3_600_000

export interface DayBounds {
  from: Date
  until: Date
}

/** The server's local day "YYYY-MM-DD" as instants; null for a day that does not exist. */
export function localDayBounds(day: string): DayBounds | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (match === null) return null
  const [y, m, d] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])]
  const from = new Date(y, m, d)
  if (from.getFullYear() !== y || from.getMonth() !== m || from.getDate() !== d) return null
  return { from, until: new Date(y, m, d + 1) }
}

export async function serverAuditDay(
  db: Kysely<Database>,
  settingId: string,
  day: string,
  bounds: DayBounds,
  timeZone: string,
): Promise<DailyAudit> {
  const inDay = (iso: string) => {
    const t = Date.parse(iso)
    return t >= bounds.from.getTime() && t < bounds.until.getTime()
  }
  const wide = {
    from: new Date(bounds.from.getTime() - MARGIN_MS).toISOString(),
    until: new Date(bounds.until.getTime() + MARGIN_MS).toISOString(),
  }
  const photoRows = await db
    .selectFrom('photos')
    .selectAll()
    .where('setting_id', '=', settingId)
    .where('taken_at', '>=', wide.from)
    .where('taken_at', '<', wide.until)
    .execute()
  const eventRows = await db
    .selectFrom('device_audit')
    .selectAll()
    .where('setting_id', '=', settingId)
    .where('type', 'in', EVENT_TYPES)
    .where('at', '>=', wide.from)
    .where('at', '<', wide.until)
    .orderBy('device_id')
    .orderBy('seq')
    .execute()
  const events = eventRows.map(eventOf).filter((e) => inDay(e.at))
  const { uses, approvals } = await usesOfDay(db, settingId, wide)
  return buildDailyAudit({
    day,
    timeZone,
    photos: photoRows.filter((row) => inDay(row.taken_at)).map(auditPhotoOf),
    events,
    chain: await settingChain(db, settingId, events.length),
    names: await settingDirectory(db, settingId),
    uses: uses.filter((u) => inDay(u.at)),
    approvals: approvals.filter((a) => inDay(a.at)),
  })
}

/** The photo uses and publicity approvals recorded in the window. */
async function usesOfDay(
  db: Kysely<Database>,
  settingId: string,
  wide: { from: string; until: string },
): Promise<{ uses: AuditUse[]; approvals: AuditApproval[] }> {
  const useRows = await db
    .selectFrom('photo_uses')
    .innerJoin('photos', (join) =>
      join
        .onRef('photos.setting_id', '=', 'photo_uses.setting_id')
        .onRef('photos.id', '=', 'photo_uses.photo_id'),
    )
    .selectAll('photo_uses')
    .select('photos.meta')
    .where('photo_uses.setting_id', '=', settingId)
    .where('photo_uses.used_at', '>=', wide.from)
    .where('photo_uses.used_at', '<', wide.until)
    .execute()
  const approvalRows = await db
    .selectFrom('photo_approvals')
    .selectAll()
    .where('setting_id', '=', settingId)
    .where('recorded_at', '>=', wide.from)
    .where('recorded_at', '<', wide.until)
    .execute()
  return {
    uses: useRows.map((u) => {
      const meta = PhotoMetaWireSchema.parse(JSON.parse(u.meta))
      return {
        id: u.id,
        photoId: u.photo_id,
        at: u.used_at,
        staffId: u.staff_id,
        deviceId: u.device_id,
        purpose: PurposeSchema.parse(u.purpose),
        action: u.action,
        place: u.place,
        until: u.until_at,
        childIds: meta.childIds,
      }
    }),
    approvals: approvalRows.map((a) => ({
      id: a.id,
      photoId: a.photo_id,
      at: a.recorded_at,
      staffId: a.recorded_by,
      deviceId: a.device_id,
      childId: a.child_id,
      givenBy: GivenByWireSchema.parse(JSON.parse(a.given_by)),
      place: a.place,
      until: a.until_at,
    })),
  }
}

function auditPhotoOf(row: PhotoRow): AuditPhoto {
  const meta = metaOf(row)
  const status = statusOf(row)
  const rules = meta.decision.rules.flatMap((r): RuleId[] => {
    const known = RULE_IDS.find((id) => id === r)
    return known === undefined ? [] : [known]
  })
  return {
    ...meta,
    decision: { verdict: meta.decision.verdict, rules },
    syncState: row.stored_at === null ? 'uploading' : 'sent',
    flaggedForRemoval: status.flaggedForRemoval,
    quarantine: status.quarantine,
  }
}

async function settingDirectory(db: Kysely<Database>, settingId: string) {
  return auditDirectory({
    staff: await entitiesOf(db, settingId, 'staff', StaffWireSchema),
    children: await entitiesOf(db, settingId, 'child', ChildWireSchema),
    locations: await entitiesOf(db, settingId, 'location', LocationWireSchema),
  })
}

async function entitiesOf<T>(
  db: Kysely<Database>,
  settingId: string,
  kind: 'staff' | 'child' | 'location',
  schema: z.ZodType<T>,
): Promise<T[]> {
  return (await listEntities(db, settingId, kind)).flatMap((value) => {
    const parsed = schema.safeParse(value)
    return parsed.success ? [parsed.data] : []
  })
}

const PROBLEM_CODES: readonly ChainProblemCode[] = [
  'wrong-device',
  'removed',
  'reordered',
  'inserted',
  'edited',
  'truncated',
]

/** Intact when every tablet's chain verified on arrival; else the first problem, by tablet. */
async function settingChain(
  db: Kysely<Database>,
  settingId: string,
  count: number,
): Promise<ChainVerdict> {
  const first = await db
    .selectFrom('audit_chain_problems')
    .leftJoin('devices', 'devices.id', 'audit_chain_problems.device_id')
    .select(['audit_chain_problems.code', 'audit_chain_problems.seq', 'message', 'name'])
    .where('audit_chain_problems.setting_id', '=', settingId)
    .orderBy('detected_at')
    .limit(1)
    .executeTakeFirst()
  if (first === undefined) return { ok: true, count, head: null }
  const code = PROBLEM_CODES.find((c) => c === first.code) ?? 'edited'
  const tablet = first.name ?? 'unknown'
  return {
    ok: false,
    problem: { code, seq: first.seq, message: `Tablet “${tablet}”: ${first.message}` },
  }
}
