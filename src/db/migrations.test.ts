// The pattern every later schema version follows, shown on a hypothetical version 2.
//
// 1. Never edit version(1). In ConsentLensDb's constructor add, below it:
//      this.version(2).stores(SCHEMA_V2).upgrade(upgradeToV2)
//    where SCHEMA_V2 is a copy of SCHEMA_V1 with the changes (a table set to null deletes it).
// 2. The upgrade reads every old row as `unknown`, validates it (zod), and writes the new
//    shape. A row that does not validate throws: IndexedDB then aborts the whole upgrade and
//    the device keeps its data at the old version, instead of running on half-migrated data.
// 3. Add a test like the ones below: write rows with the real class at the old version,
//    close, reopen with the new declaration, check every row came through. And keep a fixture
//    of the version before yours: tests/fixtures/dexie/README.md (the harness opens every one
//    with today's code). The real versions are the list VERSIONS in ConsentLensDb.ts, and
//    `validateRows(tx, STORED_ROWS)` is the check of old rows.
import { Dexie, type Transaction } from 'dexie'
import { afterEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { DB_VERSION, openDb, SCHEMA_V1 } from './ConsentLensDb.ts'
import { ALMA, BODHI } from '../../tests/support/testDb.ts'

// Hypothetical v2: children gain `knownAs` (defaults to the first name) and an index on it.
const SCHEMA_V2 = { ...SCHEMA_V1, children: 'id, roomId, keyworkerId, knownAs' }

const ChildV1 = z.object({ id: z.string(), firstName: z.string() }).loose()

async function upgradeToV2(tx: Transaction): Promise<void> {
  await tx
    .table('children')
    .toCollection()
    .modify((row: Record<string, unknown>) => {
      const child = ChildV1.parse(row) // throws on a row that is not a version-1 child
      row.knownAs = child.firstName
    })
}

function openAtV2(name: string): Dexie {
  const db = new Dexie(name)
  db.version(1).stores(SCHEMA_V1)
  db.version(2).stores(SCHEMA_V2).upgrade(upgradeToV2)
  return db
}

let v1: Dexie

/** A database as version 1 of the app left it (the real class is at a later version now). */
function freshV1(): Dexie {
  const db = new Dexie(`v1-${globalThis.crypto.randomUUID()}`)
  db.version(1).stores(SCHEMA_V1)
  return db
}

afterEach(async () => {
  await Dexie.delete(v1.name)
})

describe('upgrading a version-1 database', () => {
  it('keeps every row and migrates it to the new shape', async () => {
    v1 = freshV1()
    await v1.table('children').bulkAdd([ALMA, BODHI])
    await v1.table('consents').add({
      id: 'c1',
      childId: ALMA.id,
      purpose: 'display',
      status: 'granted',
      givenBy: { name: 'R', relationship: 'mother', parentalResponsibility: true },
      recordedAt: '2026-01-01T00:00:00.000Z',
      recordedBy: 'm',
      reviewDue: null,
      supersedes: null,
    })
    v1.close()

    const v2 = openAtV2(v1.name)
    await v2.open()
    expect(v2.verno).toBe(2)
    const children = await v2.table('children').where('knownAs').equals('Alma').toArray()
    expect(children).toEqual([{ ...ALMA, knownAs: 'Alma' }])
    expect(await v2.table('consents').count()).toBe(1)
    v2.close()
  })

  it('aborts the whole upgrade on a row it cannot read, leaving version 1 as it was', async () => {
    v1 = freshV1()
    await v1.table('children').add(ALMA)
    await v1.table('children').add({ id: 'broken' }) // no firstName: not a version-1 child
    v1.close()

    await expect(openAtV2(v1.name).open()).rejects.toThrow()
    const reopened = new Dexie(v1.name)
    reopened.version(1).stores(SCHEMA_V1)
    await reopened.open()
    expect(reopened.verno).toBe(1)
    expect(await reopened.table('children').get(ALMA.id)).toEqual(ALMA)
    reopened.close()
  })
})

describe('version 3 (h3): the store of refused changes', () => {
  it('opens a version-1 database with every row kept and an empty refusals store', async () => {
    v1 = freshV1()
    await v1.table('children').bulkAdd([ALMA, BODHI])
    v1.close()

    const v3 = openDb(v1.name)
    await v3.open()
    expect(v3.verno).toBe(DB_VERSION)
    expect(await v3.children.toArray()).toEqual([ALMA, BODHI])
    expect(await v3.refusals.count()).toBe(0)
    v3.close()
  })
})
