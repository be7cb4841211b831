import { afterEach, describe, expect, it } from 'vitest'
import type { ConsentLensDb } from './ConsentLensDb.ts'
import { importRoster, loadRosterLookup } from './importRoster.ts'
import { listOutbox } from './outbox.ts'
import { parseRosterCsv } from './rosterCsv.ts'
import { KEYWORKER, MANAGER, T0, smallSetting } from '../../tests/support/testDb.ts'

const GOOD = [
  'firstName,lastName,dateOfBirth,room,keyworker',
  'Ava,Appleby,2023-04-30,Ladybirds,keyworker person',
  'Noah,Birchwood,2022-04-30,Ladybirds,manager person',
].join('\n')

const BAD = [
  'firstName,lastName,dateOfBirth,room,keyworker',
  'Ava,Appleby,2023-04-30,Ladybirds,keyworker person',
  'Noah,,2022-04-30,Wasps,manager person',
  'Isla,Cotton,someday,Ladybirds,student person',
].join('\n')

let db: ConsentLensDb

afterEach(async () => {
  await db.delete()
})

async function preview(text: string) {
  return parseRosterCsv(text, await loadRosterLookup(db, T0))
}

describe('roster import', () => {
  it('imports a good file in one go, each child with its outbox entry', async () => {
    db = await smallSetting()
    const rows = await preview(GOOD)
    if (!rows.ok) throw new Error(rows.error.message)
    const result = await importRoster(db, rows.value, MANAGER, T0)
    if (!result.ok) throw new Error(result.error.message)
    expect(result.value.map((c) => [c.firstName, c.roomId, c.keyworkerId])).toEqual([
      ['Ava', 'room-1', KEYWORKER.id],
      ['Noah', 'room-1', MANAGER.id],
    ])
    expect(await db.children.count()).toBe(4)
    const outbox = await listOutbox(db)
    expect(outbox.map((e) => [e.kind, e.entityId])).toEqual(
      result.value.map((c) => ['child', c.id]),
    )
    expect((await db.audit.toArray()).map((e) => e.type)).toEqual(['roster-imported'])
  })

  it('imports nothing from a bad file, and says what is wrong on which line', async () => {
    db = await smallSetting()
    const rows = await preview(BAD)
    expect(rows.ok).toBe(false)
    if (rows.ok) return
    expect(rows.error.problems.map((p) => p.line)).toEqual([3, 3, 4, 4])
    expect(rows.error.problems.map((p) => p.message)).toEqual([
      'Last name is missing.',
      expect.stringContaining('There is no room called "Wasps"'),
      expect.stringContaining('"someday" is not a date'),
      'student person is a student and cannot be a keyworker.',
    ])
    expect(await db.children.count()).toBe(2)
    expect(await db.outbox.count()).toBe(0)
  })

  it('imports nothing if the roster changed since the preview', async () => {
    db = await smallSetting()
    const rows = await preview(GOOD)
    if (!rows.ok) throw new Error(rows.error.message)
    await db.staff.update(KEYWORKER.id, { active: false })
    const result = await importRoster(db, rows.value, MANAGER, T0)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.problems).toEqual([
      { line: 2, message: 'keyworker person is no longer current staff.' },
    ])
    expect(await db.children.count()).toBe(2)
    expect(await db.outbox.count()).toBe(0)
  })

  it('is for the manager only', async () => {
    db = await smallSetting()
    const rows = await preview(GOOD)
    if (!rows.ok) throw new Error(rows.error.message)
    const result = await importRoster(db, rows.value, KEYWORKER, T0)
    expect(result.ok || result.error.code).toBe('not-permitted')
    expect(await db.children.count()).toBe(2)
  })
})
