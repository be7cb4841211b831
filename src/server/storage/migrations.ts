/**
 * Schema migrations, one list for SQLite and PostgreSQL. Column types are the portable subset
 * (text, integer), so the same migration runs on both.
 *
 * Invariant: a released migration is never edited; a change is a new entry at the end.
 */
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely'
import type { Database } from './schema.ts'

const initial: Migration = {
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

/** Issue 6: every device's audit chain, what did not fit in it, and the problems found. */
const deviceAudit: Migration = {
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

/**
 * Issue 13: the setting's photo library. Each photo's purposes as rows (to filter by purpose
 * without reading JSON), its thumbnail (uploaded by the tablet that took it), every use of a
 * photo and every parent's approval of a publicity photo. Listing pages by (taken_at, id) over
 * 20,000 photos, so that order has an index.
 */
const photoLibrary: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('photos').addColumn('thumbnail_checksum', 'text').execute()
    await db.schema.alterTable('photos').addColumn('thumbnail_bytes', 'integer').execute()
    await db.schema
      .createIndex('photos_setting_taken')
      .on('photos')
      .columns(['setting_id', 'taken_at', 'id'])
      .execute()
    await db.schema
      .createTable('photo_purposes')
      .addColumn('setting_id', 'text', (c) => c.notNull().references('settings.id'))
      .addColumn('photo_id', 'text', (c) => c.notNull())
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('photo_purposes_pk', ['setting_id', 'photo_id', 'purpose'])
      .execute()
    await db.schema
      .createIndex('photo_purposes_purpose')
      .on('photo_purposes')
      .columns(['setting_id', 'purpose', 'photo_id'])
      .execute()
    await backfillPurposes(db)
    await db.schema
      .createTable('photo_uses')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('setting_id', 'text', (c) => c.notNull().references('settings.id'))
      .addColumn('photo_id', 'text', (c) => c.notNull())
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('place', 'text', (c) => c.notNull())
      .addColumn('until_at', 'text')
      .addColumn('staff_id', 'text', (c) => c.notNull())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text', (c) => c.notNull())
      .execute()
    await db.schema
      .createIndex('photo_uses_photo')
      .on('photo_uses')
      .columns(['setting_id', 'photo_id'])
      .execute()
    await db.schema
      .createIndex('photo_uses_at')
      .on('photo_uses')
      .columns(['setting_id', 'used_at'])
      .execute()
    await db.schema
      .createTable('photo_approvals')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('setting_id', 'text', (c) => c.notNull().references('settings.id'))
      .addColumn('photo_id', 'text', (c) => c.notNull())
      .addColumn('child_id', 'text', (c) => c.notNull())
      .addColumn('given_by', 'text', (c) => c.notNull())
      .addColumn('place', 'text', (c) => c.notNull())
      .addColumn('until_at', 'text', (c) => c.notNull())
      .addColumn('recorded_by', 'text', (c) => c.notNull())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('recorded_at', 'text', (c) => c.notNull())
      .execute()
    await db.schema
      .createIndex('photo_approvals_photo')
      .on('photo_approvals')
      .columns(['setting_id', 'photo_id'])
      .execute()
  },
}

/** Photos that arrived before 0007 get their purpose rows from their stored metadata. */
async function backfillPurposes(db: Kysely<unknown>): Promise<void> {
  const typed = db as unknown as Kysely<Database>
  const rows = await typed.selectFrom('photos').select(['setting_id', 'id', 'meta']).execute()
  for (const row of rows) {
    const meta = JSON.parse(row.meta) as { purposes?: unknown }
    const purposes = Array.isArray(meta.purposes) ? new Set(meta.purposes.map(String)) : new Set()
    if (purposes.size === 0) continue
    await typed
      .insertInto('photo_purposes')
      .values(
        [...purposes].map((purpose) => ({
          setting_id: row.setting_id,
          photo_id: row.id,
          purpose: String(purpose),
        })),
      )
      .execute()
  }
}

/**
 * 0010 (issue 14): removal that really removes. An erased photo keeps its row as a tombstone
 * (why, when, by whom, and when its bytes left the store); each use taken down is confirmed by
 * a person; the manager's decision on a flagged photo (erase, or keep it for the purposes still
 * consented) is recorded.
 */
const photoRemoval: Migration = {
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

const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-device-audit': deviceAudit,
  '0007-photo-library': photoLibrary,
  '0010-photo-removal': photoRemoval,
}

const provider: MigrationProvider = {
  getMigrations: () => Promise.resolve(MIGRATIONS),
}

/**
 * Brings the database up to the latest schema; throws, naming the migration, if one fails.
 * On PostgreSQL Kysely's own tables are looked for in the schema the connection creates tables
 * in (current_schema(), where they always were): otherwise Kysely takes those of any schema in
 * the database for its own, and skips creating them when another schema (a test's, another
 * server's search_path) already has them.
 */
export async function migrateToLatest(
  db: Kysely<Database>,
  backend: 'sqlite' | 'postgres',
): Promise<void> {
  const schema =
    backend === 'postgres'
      ? (await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db))
          .rows[0]?.schema
      : null
  const migrator = new Migrator({
    db,
    provider,
    ...(typeof schema === 'string' ? { migrationTableSchema: schema } : {}),
  })
  const { error, results } = await migrator.migrateToLatest()
  const failed = results?.find((r) => r.status === 'Error')
  if (error !== undefined) {
    const name = failed?.migrationName ?? 'unknown'
    throw new Error(`Database migration ${name} failed`, { cause: error })
  }
}
