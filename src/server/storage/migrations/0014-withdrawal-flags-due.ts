/**
 * 0014: the removal flags a withdrawal still owes the photos taken before it (decision 0041).
 * A withdrawal's push commits its consent record, the quarantine of photos taken after it, and
 * one row here per child; the flags on the child's earlier photos (for hundreds of photos, most
 * of that push's work) are written by the next transaction (ingest/withdrawalFlags.ts), which
 * deletes the row. A row left by a crash or a failure is done at the next start or sweep.
 *
 * Released: never edited; a change is a new migration in its own file.
 */
import type { Kysely, Migration } from 'kysely'

export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('withdrawal_flags_due')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('setting_id', 'text', (c) => c.notNull().references('settings.id'))
      .addColumn('child_id', 'text', (c) => c.notNull())
      .addColumn('taken_before', 'text', (c) => c.notNull())
      .addColumn('withdrawals', 'text', (c) => c.notNull())
      .addColumn('due_at', 'text', (c) => c.notNull())
      .execute()
    await db.schema
      .createIndex('withdrawal_flags_due_setting')
      .on('withdrawal_flags_due')
      .columns(['setting_id', 'due_at'])
      .execute()
  },
}
