/**
 * 0007: the setting's photo library. Each photo's purposes as rows (to filter by
 * purpose without reading JSON), its thumbnail (uploaded by the tablet that took it), every use
 * of a photo and every parent's approval of a publicity photo. Listing pages by (taken_at, id)
 * over 20,000 photos, so that order has an index.
 *
 * Released: never edited; a change is a new migration in its own file.
 */
import type { Kysely, Migration } from 'kysely'
import type { Database } from '../schema.ts'

export const migration: Migration = {
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
