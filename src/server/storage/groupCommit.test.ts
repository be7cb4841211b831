import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Transaction } from 'kysely'
import { appendServerAudit } from '../serverAudit.ts'
import { groupCommit } from './groupCommit.ts'
import { openDatabase, type OpenedDatabase } from './openDatabase.ts'
import type { Database } from './schema.ts'

let opened: OpenedDatabase

beforeEach(async () => {
  opened = await openDatabase({ kind: 'sqlite', file: ':memory:' })
  await opened.db
    .insertInto('settings')
    .values({ id: 's1', name: 'Setting', is_demo: 0, last_seq: 0, created_at: '2026-01-01' })
    .execute()
})
afterEach(async () => {
  await opened.close()
})

function note(trx: Transaction<Database>, settingId: string, type: string) {
  return appendServerAudit(trx, {
    settingId,
    at: '2026-01-01T09:00:00.000Z',
    deviceId: null,
    staffId: null,
    type,
    details: {},
  })
}

async function typesStored(): Promise<string[]> {
  const rows = await opened.db.selectFrom('server_audit').select('type').orderBy('type').execute()
  return rows.map((r) => r.type)
}

describe('groupCommit', () => {
  it('commits the writes that arrive during a commit together, each answered after it', async () => {
    const group = groupCommit(opened.db)
    const transactions: Transaction<Database>[] = []
    const writes = ['a', 'b', 'c', 'd'].map((type) =>
      group.run(async (trx) => {
        transactions.push(trx)
        await note(trx, 's1', type)
      }),
    )
    await Promise.all(writes)
    expect(await typesStored()).toEqual(['a', 'b', 'c', 'd'])
    // The first commits alone; the three that waited for it share the next transaction.
    expect(new Set(transactions).size).toBe(2)
    expect(transactions[1]).toBe(transactions[3])
  })

  it('fails only the write that fails: the others of its batch are committed', async () => {
    const group = groupCommit(opened.db)
    const outcomes = await Promise.allSettled([
      group.run((trx) => note(trx, 's1', 'first')),
      group.run((trx) => note(trx, 's1', 'kept')),
      group.run((trx) => note(trx, 'no-such-setting', 'refused')),
      group.run((trx) => note(trx, 's1', 'also kept')),
    ])
    expect(outcomes.map((o) => o.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ])
    expect(await typesStored()).toEqual(['also kept', 'first', 'kept'])
  })
})
