import { afterEach, describe, expect, it } from 'vitest'
import type { ConsentLensDb } from './ConsentLensDb.ts'
import { childrenInRoom, keyChildren, listChildren } from './rosterQueries.ts'
import { ALMA, BODHI, KEYWORKER, T0, smallSetting } from '../../tests/support/testDb.ts'

let db: ConsentLensDb

afterEach(async () => {
  await db.delete()
})

describe('roster queries', () => {
  it('lists a room’s and a keyworker’s children who have not left, by first name', async () => {
    db = await smallSetting()
    await db.children.add({ ...ALMA, id: 'aaron', firstName: 'Aaron' })
    await db.children.update(BODHI.id, { leavingDate: '2026-04-30' })
    expect((await childrenInRoom(db, 'room-1', T0)).map((c) => c.firstName)).toEqual([
      'Aaron',
      'Alma',
    ])
    expect((await keyChildren(db, KEYWORKER.id, T0)).map((c) => c.id)).toEqual(['aaron', ALMA.id])
    expect(await listChildren(db)).toHaveLength(3)
  })
})
