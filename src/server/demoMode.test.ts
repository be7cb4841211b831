// When the server runs the demo: a fresh data folder does (unless DEMO=off); once a real
// setting exists it never does, whatever DEMO says.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { demoIsOff, startMode } from './demoMode.ts'
import { openDatabase, type OpenedDatabase } from './storage/openDatabase.ts'

let opened: OpenedDatabase

beforeEach(async () => {
  opened = await openDatabase({ kind: 'sqlite', file: ':memory:' })
})
afterEach(async () => {
  await opened.close()
})

async function addSetting(id: string, isDemo: boolean): Promise<void> {
  await opened.db
    .insertInto('settings')
    .values({
      id,
      name: id,
      is_demo: isDemo ? 1 : 0,
      last_seq: 0,
      created_at: new Date().toISOString(),
    })
    .execute()
}

describe('startMode', () => {
  it('runs the demo on a fresh data folder, and on one holding only the demo', async () => {
    expect(await startMode(opened.db, {})).toEqual({ kind: 'demo' })
    await addSetting('demo', true)
    expect(await startMode(opened.db, { DEMO: 'on' })).toEqual({ kind: 'demo' })
  })

  it('never runs the demo with DEMO=off', async () => {
    expect(await startMode(opened.db, { DEMO: 'off' })).toEqual({
      kind: 'empty',
      reason: 'demo-off',
    })
    expect(demoIsOff({ DEMO: ' OFF ' })).toBe(true)
    expect(demoIsOff({ DEMO: 'false' })).toBe(true)
    expect(demoIsOff({})).toBe(false)
  })

  it('never runs the demo once a real setting exists, even beside an old demo', async () => {
    await addSetting('demo', true)
    await addSetting('acorns', false)
    expect(await startMode(opened.db, {})).toEqual({
      kind: 'real',
      settings: [{ id: 'acorns', name: 'acorns' }],
    })
  })
})
