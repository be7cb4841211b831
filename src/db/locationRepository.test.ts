import { afterEach, describe, expect, it } from 'vitest'
import type { ConsentLensDb } from './ConsentLensDb.ts'
import { addLocation, archiveLocation, listLocations } from './locationRepository.ts'
import { listOutbox } from './outbox.ts'
import { KEYWORKER, MANAGER, T0, smallSetting } from '../../tests/support/testDb.ts'

let db: ConsentLensDb

afterEach(async () => {
  await db.delete()
})

describe('locations', () => {
  it('the manager adds and archives them; archived ones leave the picker, not the records', async () => {
    db = await smallSetting()
    const added = await addLocation(db, { name: ' Forest school ', kind: 'outing' }, MANAGER, T0)
    if (!added.ok) throw new Error(added.error.message)
    expect(added.value).toMatchObject({ name: 'Forest school', roomId: null, archived: false })
    const archived = await archiveLocation(db, added.value.id, MANAGER, T0)
    expect(archived.ok && archived.value.archived).toBe(true)
    expect(await listLocations(db)).toEqual([])
    expect(await listLocations(db, true)).toHaveLength(1)
    expect((await listOutbox(db)).map((e) => e.kind)).toEqual(['location', 'location'])
  })

  it('refuses anyone else, an unknown room, or no name', async () => {
    db = await smallSetting()
    const byKeyworker = await addLocation(db, { name: 'Hall', kind: 'other' }, KEYWORKER, T0)
    expect(byKeyworker.ok || byKeyworker.error.code).toBe('not-permitted')
    const noRoom = await addLocation(db, { name: 'Hall', kind: 'room', roomId: 'x' }, MANAGER, T0)
    expect(noRoom.ok || noRoom.error.code).toBe('unknown-room')
    const noName = await addLocation(db, { name: '', kind: 'other' }, MANAGER, T0)
    expect(noName.ok || noName.error.code).toBe('no-name')
    expect(await db.locations.count()).toBe(0)
  })
})
