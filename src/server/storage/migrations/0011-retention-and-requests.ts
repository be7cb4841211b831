/**
 * 0011: retention per purpose, set by the manager. One row per setting; a
 * setting without a row keeps the documented defaults (server/retention/retentionPolicy.ts).
 * And erasure for one child: a group photo kept for the other children names the children
 * removed from it (`removed_child_ids`, JSON), so every tablet removes them too.
 */
import type { Kysely, Migration } from 'kysely'

export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('retention_policies')
      .addColumn('setting_id', 'text', (c) => c.primaryKey().references('settings.id'))
      .addColumn('journey_months_after_leaving', 'integer', (c) => c.notNull())
      .addColumn('display_months', 'integer', (c) => c.notNull())
      .addColumn('publicity_months_without_approval', 'integer', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute()
    await db.schema.alterTable('photos').addColumn('removed_child_ids', 'text').execute()
  },
}
