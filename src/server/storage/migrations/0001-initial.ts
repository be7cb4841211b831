/**
 * 0001: the first schema: settings, their devices and enrolment codes, the records every tablet
 * syncs (entities), the changes applied, and photos.
 *
 * Released: never edited; a change is a new migration in its own file.
 */
import type { Kysely, Migration } from 'kysely'

export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('settings')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('is_demo', 'integer', (c) => c.notNull())
      .addColumn('last_seq', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute()
    await db.schema
      .createTable('devices')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('setting_id', 'text', (c) => c.notNull().references('settings.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('credential_hash', 'text', (c) => c.notNull())
      .addColumn('enrolled_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .addColumn('revoked_by', 'text')
      .addColumn('last_seen_at', 'text')
      .execute()
    await db.schema.createIndex('devices_setting').on('devices').column('setting_id').execute()
    await db.schema
      .createTable('enrolment_codes')
      .addColumn('code_hash', 'text', (c) => c.primaryKey())
      .addColumn('setting_id', 'text', (c) => c.notNull().references('settings.id'))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .addColumn('used_by_device', 'text')
      .execute()
    await db.schema
      .createTable('entities')
      .addColumn('setting_id', 'text', (c) => c.notNull().references('settings.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('entities_pk', ['setting_id', 'kind', 'id'])
      .execute()
    await db.schema
      .createIndex('entities_setting_seq')
      .on('entities')
      .columns(['setting_id', 'seq'])
      .execute()
    await db.schema
      .createTable('applied_changes')
      .addColumn('setting_id', 'text', (c) => c.notNull().references('settings.id'))
      .addColumn('change_id', 'text', (c) => c.notNull())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('error_code', 'text')
      .addColumn('error_message', 'text')
      .addColumn('applied_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('applied_changes_pk', ['setting_id', 'change_id'])
      .execute()
    await db.schema
      .createTable('photos')
      .addColumn('setting_id', 'text', (c) => c.notNull().references('settings.id'))
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('staff_id', 'text', (c) => c.notNull())
      .addColumn('taken_at', 'text', (c) => c.notNull())
      .addColumn('checksum', 'text', (c) => c.notNull())
      .addColumn('bytes', 'integer', (c) => c.notNull())
      .addColumn('meta', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addColumn('stored_at', 'text')
      .addColumn('quarantined_at', 'text')
      .addColumn('quarantine_rules', 'text')
      .addColumn('quarantine_message', 'text')
      .addColumn('flags', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('photos_pk', ['setting_id', 'id'])
      .execute()
    await db.schema
      .createTable('photo_children')
      .addColumn('setting_id', 'text', (c) => c.notNull().references('settings.id'))
      .addColumn('photo_id', 'text', (c) => c.notNull())
      .addColumn('child_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('photo_children_pk', ['setting_id', 'photo_id', 'child_id'])
      .execute()
    await db.schema
      .createIndex('photo_children_child')
      .on('photo_children')
      .columns(['setting_id', 'child_id'])
      .execute()
    await db.schema
      .createTable('staff_lockouts')
      .addColumn('setting_id', 'text', (c) => c.notNull().references('settings.id'))
      .addColumn('staff_id', 'text', (c) => c.notNull())
      .addColumn('failed_attempts', 'integer', (c) => c.notNull())
      .addColumn('locked_until', 'text')
      .addColumn('lockouts', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('staff_lockouts_pk', ['setting_id', 'staff_id'])
      .execute()
    await db.schema
      .createTable('server_audit')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('setting_id', 'text', (c) => c.notNull().references('settings.id'))
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('device_id', 'text')
      .addColumn('staff_id', 'text')
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('details', 'text', (c) => c.notNull())
      .execute()
  },
}
