/**
 * The removal flags a withdrawal owes its child's photos taken before it (decision 0041).
 *
 * A withdrawal must stop capture on every tablet of its setting at once, however busy the
 * server is; flagging the child's earlier photos for removal (docs/RULES.md "After capture") is
 * the start of a takedown, which people do over the following days. A child with hundreds of
 * photos made the flags most of a withdrawal's transaction (reading the policy data, locking,
 * updating and re-announcing every photo), and the other tablets heard of the withdrawal only
 * once they were written. So the withdrawal's push commits its records, the re-check of photos
 * taken at or after them (reviewChildPhotos.ts), and one row per child owing flags
 * (`oweFlags`); the other tablets are told; then `writeFlagsDue` writes the flags in a
 * transaction of its own and deletes the rows.
 *
 * Invariants:
 * - Owed flags are never lost: the rows commit with the withdrawal, and only the transaction
 *   that writes the flags deletes them. A crash or a failure in between leaves them to the next
 *   run (after the setting's next withdrawal, at start, and every minute: flagsDueSweep.ts).
 * - The flags are those the review would have written in the withdrawal's own transaction: for
 *   each photo of the child taken before it, neither quarantined nor deleted on the tablet, a
 *   flag for each withdrawn purpose the photo was taken for. Flags are keyed by child and
 *   purposes (photoRows.ts withFlag), so a run repeated after a failure adds nothing.
 * - The setting's row is locked first, as a push locks it: a push and this never each hold a
 *   row the other waits for (the photos' rows are locked after it, in their order: photoRows.ts).
 */
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { z } from 'zod'
import { PurposeSchema } from '../../protocol/common.ts'
import { retryingConflicts } from '../storage/retryConflicts.ts'
import type { Database } from '../storage/schema.ts'
import {
  flagsOf,
  metaOf,
  photosOfChildren,
  updatePhotoStatuses,
  withWithdrawalFlags,
  type PhotoRow,
  type PhotoRowChange,
} from './photoRows.ts'

/** The flags one child's photos taken before `takenBefore` are owed. */
export interface OwedFlags {
  childId: string
  takenBefore: string
  withdrawals: { purpose: z.infer<typeof PurposeSchema>; recordedAt: string }[]
}

const WithdrawalsSchema = z.array(z.object({ purpose: PurposeSchema, recordedAt: z.string() }))

/** In the withdrawal's transaction: the flags it leaves to `writeFlagsDue`. */
export async function oweFlags(
  trx: Kysely<Database>,
  settingId: string,
  owed: readonly OwedFlags[],
  now: string,
): Promise<void> {
  if (owed.length === 0) return
  await trx
    .insertInto('withdrawal_flags_due')
    .values(
      owed.map((o, i) => ({
        // Ordered as the withdrawals were applied, so a photo's flags are too.
        id: `${String(i).padStart(6, '0')}-${randomUUID()}`,
        setting_id: settingId,
        child_id: o.childId,
        taken_before: o.takenBefore,
        withdrawals: JSON.stringify(o.withdrawals),
        due_at: now,
      })),
    )
    .execute()
}

/**
 * Writes every flag the setting's withdrawals owe, in one transaction, and deletes what it
 * wrote from the owed rows. Returns how many photos it flagged (0 when nothing was owed: then
 * it locks nothing).
 */
export async function writeFlagsDue(
  db: Kysely<Database>,
  settingId: string,
  now: string,
): Promise<number> {
  if ((await dueOf(db, settingId)).length === 0) return 0
  return retryingConflicts(() =>
    db.transaction().execute(async (trx) => {
      await trx
        .updateTable('settings')
        .set((eb) => ({ last_seq: eb.ref('last_seq') }))
        .where('id', '=', settingId)
        .execute()
      // Read again under the lock: another run may have written them meanwhile.
      const due = await dueOf(trx, settingId)
      if (due.length === 0) return 0
      const photos = await photosOfChildren(trx, settingId, [
        ...new Set(due.map((d) => d.child_id)),
      ])
      // A photo of two children owed flags for both gets both, the second onto the first.
      const updated = new Map<string, { row: PhotoRow; change: PhotoRowChange }>()
      for (const owed of due) {
        const before = Date.parse(owed.taken_before)
        const withdrawals = WithdrawalsSchema.parse(JSON.parse(owed.withdrawals))
        for (const read of photos.get(owed.child_id) ?? []) {
          const row = updated.get(read.id)?.row ?? read
          if (row.quarantined_at !== null || Date.parse(row.taken_at) >= before) continue
          const meta = metaOf(row)
          if (meta.deleted !== null) continue
          const flags = flagsOf(row)
          const after = withWithdrawalFlags(flags, owed.child_id, meta.purposes, withdrawals)
          if (after === flags) continue
          const change = { flags: JSON.stringify(after) }
          updated.set(row.id, { row: { ...row, ...change }, change })
        }
      }
      await updatePhotoStatuses(trx, settingId, [...updated.values()], now)
      await trx
        .deleteFrom('withdrawal_flags_due')
        .where('setting_id', '=', settingId)
        .where(
          'id',
          'in',
          due.map((d) => d.id),
        )
        .execute()
      return updated.size
    }),
  )
}

/** The settings with flags owed: what a start or a sweep has to do. */
export async function settingsOwingFlags(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('withdrawal_flags_due').select('setting_id').distinct().execute()
  return rows.map((r) => r.setting_id)
}

function dueOf(db: Kysely<Database>, settingId: string) {
  return db
    .selectFrom('withdrawal_flags_due')
    .selectAll()
    .where('setting_id', '=', settingId)
    .orderBy('due_at')
    .orderBy('id')
    .execute()
}
