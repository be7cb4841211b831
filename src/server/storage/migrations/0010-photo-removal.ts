/**
 * 0010: removal that really removes. An erased photo keeps its row as a
 * tombstone (why, when, by whom, and when its bytes left the store); each use taken down is
 * confirmed by a person; the manager's decision on a flagged photo (erase, or keep it for the
 * purposes still consented) is recorded.
 *
 * Released: never edited; a change is a new migration in its own file.
 */
import type { Kysely, Migration } from 'kysely'

export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    for (const column of ['erased_at', 'erased_by', 'erased_reason', 'erased_cause']) {
      await db.schema.alterTable('photos').addColumn(column, 'text').execute()
    }
    await db.schema.alterTable('photos').addColumn('bytes_removed_at', 'text').execute()
    await db.schema
      .createIndex('photos_erased')
      .on('photos')
      .columns(['erased_at', 'bytes_removed_at'])
      .execute()
    await db.schema
      .createTable('photo_takedowns')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('setting_id', 'text', (c) => c.notNull().references('settings.id'))
      .addColumn('photo_id', 'text', (c) => c.notNull())
      .addColumn('use_id', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('staff_id', 'text', (c) => c.notNull())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('confirmed_at', 'text', (c) => c.notNull())
      .execute()
    await db.schema
      .createIndex('photo_takedowns_photo')
      .on('photo_takedowns')
      .columns(['setting_id', 'photo_id'])
      .execute()
    await db.schema
      .createTable('photo_removal_decisions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('setting_id', 'text', (c) => c.notNull().references('settings.id'))
      .addColumn('photo_id', 'text', (c) => c.notNull())
      .addColumn('decision', 'text', (c) => c.notNull())
      .addColumn('kept_purposes', 'text', (c) => c.notNull())
      .addColumn('resolved_flags', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('staff_id', 'text', (c) => c.notNull())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('decided_at', 'text', (c) => c.notNull())
      .execute()
    await db.schema
      .createIndex('photo_removal_decisions_photo')
      .on('photo_removal_decisions')
      .columns(['setting_id', 'photo_id'])
      .execute()
  },
}
