/**
 * 0002: every device's audit chain, what did not fit in it, and the problems found.
 *
 * Released: never edited; a change is a new migration in its own file.
 */
import type { Kysely, Migration } from 'kysely'

export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('device_audit')
      .addColumn('setting_id', 'text', (c) => c.notNull().references('settings.id'))
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('staff_id', 'text')
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('details', 'text', (c) => c.notNull())
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addColumn('problem', 'text')
      .addPrimaryKeyConstraint('device_audit_pk', ['setting_id', 'device_id', 'seq'])
      .execute()
    await db.schema
      .createIndex('device_audit_setting_at')
      .on('device_audit')
      .columns(['setting_id', 'at'])
      .execute()
    await db.schema
      .createTable('device_audit_flagged')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('setting_id', 'text', (c) => c.notNull().references('settings.id'))
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('event', 'text', (c) => c.notNull())
      .addColumn('problem', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .execute()
    await db.schema
      .createIndex('device_audit_flagged_device')
      .on('device_audit_flagged')
      .columns(['setting_id', 'device_id', 'seq'])
      .execute()
    await db.schema
      .createTable('audit_chain_problems')
      .addColumn('setting_id', 'text', (c) => c.notNull().references('settings.id'))
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('message', 'text', (c) => c.notNull())
      .addColumn('detected_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('audit_chain_problems_pk', [
        'setting_id',
        'device_id',
        'seq',
        'code',
      ])
      .execute()
  },
}
