// The restrictions a pull sends ahead of its pages (decision 0030) are read from a partial
// index of the consent records that take consent away (migration 0013, decision 0032), not by
// matching the text of every record after the cursor. SQLite and PostgreSQL.
import { CompiledQuery, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_SETTING_ID } from '../../../src/demo/index.ts'
import { restrictionsQuery, restrictionsSince } from '../../../src/server/storage/entities.ts'
import { BACKENDS, startTestServer, type TestServer } from '../../support/testServer.ts'

describe.each(BACKENDS)('restrictions from their own index, on $backend', ({ backend, skip }) => {
  let server: TestServer

  beforeAll(async () => {
    if (!skip) server = await startTestServer(backend)
  }, 60_000)
  afterAll(async () => {
    if (!skip) await server.close()
  })

  it.skipIf(skip)('plans the restrictions query on the partial index', async () => {
    const { db } = server.services
    const query = restrictionsQuery(db, DEMO_SETTING_ID, 0, 200).compile()
    const plan = await db.transaction().execute(async (trx) => {
      if (backend === 'postgres') {
        // The demo setting is small enough to be read whole: ask which index it would use.
        await sql`set local enable_seqscan = off`.execute(trx)
        const explained = await trx.executeQuery(
          CompiledQuery.raw(`explain ${query.sql}`, [...query.parameters]),
        )
        return JSON.stringify(explained.rows)
      }
      const explained = await trx.executeQuery(
        CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]),
      )
      return JSON.stringify(explained.rows)
    })
    expect(plan).toContain('entities_restrictions')
  })

  it.skipIf(skip)('finds the withdrawals and refusals, and no grant', async () => {
    const rows = await restrictionsSince(server.services.db, DEMO_SETTING_ID, 0)
    expect(rows.length).toBeGreaterThan(0)
    for (const row of rows) {
      expect(row.kind).toBe('consent')
      expect(['withdrawn', 'refused']).toContain(
        (JSON.parse(row.payload) as { status: string }).status,
      )
    }
  })
})
