/**
 * 0013: an index of the consent records that take consent away (withdrawn, refused), for the
 * restrictions a pull sends ahead of its pages (decision 0030). Without it the query read
 * every record of the setting after the cursor and matched its text: ~7 ms a pull in the
 * morning burst, on SQLite on the server's only JavaScript thread, ninety times a burst. A
 * partial index holds those few rows alone (decision 0032).
 *
 * The planner uses a partial index only for a query that states its condition word for word,
 * as literals: entities.ts `restrictionsSince` uses RESTRICTION_ROWS itself.
 *
 * Released: never edited; a change is a new migration in its own file.
 */
import { sql, type Kysely, type Migration } from 'kysely'

export const RESTRICTION_ROWS = sql<boolean>`kind = 'consent' and (payload like '%"status":"withdrawn"%' or payload like '%"status":"refused"%')`

export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`create index entities_restrictions on entities (setting_id, seq) where ${RESTRICTION_ROWS}`.execute(
      db,
    )
  },
}
