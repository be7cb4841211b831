/**
 * Schema migrations, one list for SQLite and PostgreSQL: the ordered registry. Each migration
 * is its own file in migrations/ (NNNN-name.ts, exporting `migration`); column types are the
 * portable subset (text, integer), so the same migration runs on both.
 *
 * Invariants:
 * - A released migration is never edited; a change is a new file and one line at the end here.
 * - src/server/storage/schema.ts (the Kysely types) describes the database these leave:
 *   schemaAgreement.test.ts compares the two on SQLite and PostgreSQL.
 */
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely'
import { migration as initial } from './migrations/0001-initial.ts'
import { migration as deviceAudit } from './migrations/0002-device-audit.ts'
import { migration as photoLibrary } from './migrations/0007-photo-library.ts'
import { migration as photoRemoval } from './migrations/0010-photo-removal.ts'
import { migration as retentionAndRequests } from './migrations/0011-retention-and-requests.ts'
import { migration as thumbnailsInDatabase } from './migrations/0012-thumbnails-in-database.ts'
import { migration as restrictionsIndex } from './migrations/0013-restrictions-index.ts'
import { migration as withdrawalFlagsDue } from './migrations/0014-withdrawal-flags-due.ts'
import type { Database } from './schema.ts'

export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-initial': initial,
  '0002-device-audit': deviceAudit,
  '0007-photo-library': photoLibrary,
  '0010-photo-removal': photoRemoval,
  '0011-retention-and-requests': retentionAndRequests,
  '0012-thumbnails-in-database': thumbnailsInDatabase,
  '0013-restrictions-index': restrictionsIndex,
  '0014-withdrawal-flags-due': withdrawalFlagsDue,
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
