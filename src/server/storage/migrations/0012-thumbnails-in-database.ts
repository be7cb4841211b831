/**
 * 0012: a photo's thumbnail is kept in the database, not as a file in the photo store. A
 * thumbnail is ~20 kB; as a file it cost two disk flushes of its own (the file, then its
 * folder) on top of its row's commit, and it came with every photo, so each upload waited on
 * twice the flushes of its image alone. As a row it is on disk with the commit that records it,
 * which the group commit shares between the uploads of the moment. Base64 text, so the one
 * column type works on SQLite and PostgreSQL alike. Thumbnails stored as files before this
 * migration stay where they are and are still served from there.
 *
 * Released: never edited; a change is a new migration in its own file.
 */
import type { Kysely, Migration } from 'kysely'

export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('photo_thumbnails')
      .addColumn('setting_id', 'text', (c) => c.notNull().references('settings.id'))
      .addColumn('photo_id', 'text', (c) => c.notNull())
      .addColumn('jpeg_base64', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('photo_thumbnails_pk', ['setting_id', 'photo_id'])
      .execute()
  },
}
