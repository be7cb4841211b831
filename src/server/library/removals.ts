/**
 * The manager's removal list (protocol/removal.ts): every photo a withdrawal flagged
 * and not yet settled, each recorded use with whether a person confirmed it taken down, and the
 * decision that settles it: erase the photo, or keep it only for the purposes no withdrawal
 * concerns.
 *
 * Invariants:
 * - Each step is in one transaction with its audit line (`photo-use-taken-down`,
 *   `photo-kept-for-purposes`, `photo-erased`).
 * - Erasing needs every recorded use confirmed taken down; keeping needs the uses of the
 *   withdrawn purposes confirmed. A refusal names the uses still running.
 * - A photo kept loses the withdrawn purposes for good (its metadata and `photo_purposes`), so
 *   the use decision refuses them (`not-taken-for-purpose`); the decision settles only the flags
 *   it saw: a later withdrawal puts the photo back on the list.
 */
import type { Kysely } from 'kysely'
import { purposeLabel, type Purpose } from '../../policy/index.ts'
import type {
  RemovalDecisionRequest,
  RemovalItem,
  RemovalUse,
  RemovalFlagWire,
} from '../../protocol/index.ts'
import type { AuthenticatedDevice } from '../auth/deviceAuth.ts'
import { flagsOf, metaOf, type PhotoRow } from '../ingest/photoRows.ts'
import { appendServerAudit } from '../serverAudit.ts'
import type { Database } from '../storage/schema.ts'
import { eraseInTransaction } from './erasePhoto.ts'
import { usesOf } from './recordUse.ts'

export interface Actor {
  device: AuthenticatedDevice
  staffId: string
}

const flagKey = (f: RemovalFlagWire) => `${f.childId}|${[...f.purposes].sort().join(',')}`

/** The flags of a photo no decision has settled yet. */
export async function unsettledFlags(
  db: Kysely<Database>,
  row: PhotoRow,
): Promise<RemovalFlagWire[]> {
  const decisions = await db
    .selectFrom('photo_removal_decisions')
    .select('resolved_flags')
    .where('setting_id', '=', row.setting_id)
    .where('photo_id', '=', row.id)
    .execute()
  const settled = new Set(decisions.flatMap((d) => JSON.parse(d.resolved_flags) as string[]))
  return flagsOf(row).filter((f) => !settled.has(flagKey(f)))
}

/** The photos on the list: flagged, not erased, not settled. Oldest photo first. */
export async function removalRows(db: Kysely<Database>, settingId: string): Promise<PhotoRow[]> {
  const rows = await db
    .selectFrom('photos')
    .selectAll()
    .where('setting_id', '=', settingId)
    .where('erased_at', 'is', null)
    .where('flags', '!=', '[]')
    .orderBy('taken_at')
    .execute()
  const open: PhotoRow[] = []
  for (const row of rows) if ((await unsettledFlags(db, row)).length > 0) open.push(row)
  return open
}

export async function removalUses(
  db: Kysely<Database>,
  row: PhotoRow,
  withdrawn: ReadonlySet<Purpose>,
): Promise<RemovalUse[]> {
  const takedowns = await db
    .selectFrom('photo_takedowns')
    .selectAll()
    .where('setting_id', '=', row.setting_id)
    .where('photo_id', '=', row.id)
    .execute()
  const uses = await usesOf(db, row.setting_id, row.id)
  return uses.map((use) => {
    const done = takedowns.find((t) => t.use_id === use.id)
    return {
      ...use,
      withdrawn: withdrawn.has(use.purpose),
      takenDown:
        done === undefined
          ? null
          : { note: done.note, staffId: done.staff_id, confirmedAt: done.confirmed_at },
    }
  })
}

/** What the list says of one photo, beside the library's view of it. */
export async function removalFacts(
  db: Kysely<Database>,
  row: PhotoRow,
): Promise<Omit<RemovalItem, 'photo'>> {
  const flags = await unsettledFlags(db, row)
  const withdrawn = new Set(flags.flatMap((f) => f.purposes))
  const uses = await removalUses(db, row, withdrawn)
  const keepable = metaOf(row).purposes.filter((p) => !withdrawn.has(p))
  return { uses, withdrawnPurposes: [...withdrawn], keepablePurposes: keepable }
}

export async function confirmTakedown(
  db: Kysely<Database>,
  actor: Actor,
  row: PhotoRow,
  request: { useId: string; note: string },
  now: string,
): Promise<{ ok: true } | { ok: false; message: string }> {
  const uses = await usesOf(db, row.setting_id, row.id)
  const use = uses.find((u) => u.id === request.useId)
  if (use === undefined) return { ok: false, message: 'This photo has no such use recorded.' }
  return db.transaction().execute(async (trx) => {
    const already = await trx
      .selectFrom('photo_takedowns')
      .select('id')
      .where('setting_id', '=', row.setting_id)
      .where('use_id', '=', use.id)
      .executeTakeFirst()
    if (already !== undefined) return { ok: true } as const
    const id = globalThis.crypto.randomUUID()
    await trx
      .insertInto('photo_takedowns')
      .values({
        id,
        setting_id: row.setting_id,
        photo_id: row.id,
        use_id: use.id,
        note: request.note,
        staff_id: actor.staffId,
        device_id: actor.device.id,
        confirmed_at: now,
      })
      .execute()
    await appendServerAudit(trx, {
      settingId: row.setting_id,
      at: now,
      deviceId: actor.device.id,
      staffId: actor.staffId,
      type: 'photo-use-taken-down',
      details: {
        photoId: row.id,
        useId: use.id,
        purpose: use.purpose,
        place: use.place,
        note: request.note,
      },
    })
    return { ok: true } as const
  })
}

export type DecisionOutcome =
  | { ok: true; keptPurposes: Purpose[] }
  | { ok: false; code: 'uses_running' | 'nothing_to_keep' | 'not_flagged'; message: string }

export async function decideRemoval(
  db: Kysely<Database>,
  actor: Actor,
  row: PhotoRow,
  request: RemovalDecisionRequest,
  now: string,
): Promise<DecisionOutcome> {
  const flags = await unsettledFlags(db, row)
  if (flags.length === 0 || row.erased_at !== null) {
    return { ok: false, code: 'not_flagged', message: 'This photo is not on the removal list.' }
  }
  const facts = await removalFacts(db, row)
  const keep = request.decision === 'keep'
  const running = facts.uses.filter((u) => u.takenDown === null && (!keep || u.withdrawn))
  if (running.length > 0) {
    const places = running.map((u) => `${purposeLabel(u.purpose)} (${u.place})`).join(', ')
    const message = `First confirm these uses are taken down: ${places}.`
    return { ok: false, code: 'uses_running', message }
  }
  if (keep && facts.keepablePurposes.length === 0) {
    const message = 'Every purpose of this photo was withdrawn: it can only be erased.'
    return { ok: false, code: 'nothing_to_keep', message }
  }
  const kept = keep ? facts.keepablePurposes : []
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('photo_removal_decisions')
      .values({
        id: globalThis.crypto.randomUUID(),
        setting_id: row.setting_id,
        photo_id: row.id,
        decision: request.decision,
        kept_purposes: JSON.stringify(kept),
        resolved_flags: JSON.stringify(flags.map(flagKey)),
        reason: request.reason,
        staff_id: actor.staffId,
        device_id: actor.device.id,
        decided_at: now,
      })
      .execute()
    const who = { deviceId: actor.device.id, staffId: actor.staffId }
    if (keep) {
      await keepOnlyFor(trx, row, kept)
      await appendServerAudit(trx, {
        settingId: row.setting_id,
        at: now,
        ...who,
        type: 'photo-kept-for-purposes',
        details: {
          photoId: row.id,
          kept,
          withdrawn: facts.withdrawnPurposes,
          reason: request.reason,
        },
      })
    } else {
      await eraseInTransaction(
        trx,
        row,
        { cause: 'withdrawal', reason: request.reason, ...who },
        now,
      )
    }
  })
  return { ok: true, keptPurposes: kept }
}

/** The photo's purposes narrow to `kept`, in its metadata and its purpose rows. */
async function keepOnlyFor(trx: Kysely<Database>, row: PhotoRow, kept: Purpose[]): Promise<void> {
  const meta = { ...metaOf(row), purposes: kept }
  await trx
    .updateTable('photos')
    .set({ meta: JSON.stringify(meta) })
    .where('setting_id', '=', row.setting_id)
    .where('id', '=', row.id)
    .execute()
  await trx
    .deleteFrom('photo_purposes')
    .where('setting_id', '=', row.setting_id)
    .where('photo_id', '=', row.id)
    .where('purpose', 'not in', kept)
    .execute()
}
