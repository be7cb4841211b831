/**
 * Every database an earlier version of the app wrote opens with today's code, keeps every row,
 * and every row fits today's shapes. The fixtures are in
 * tests/fixtures/dexie/ (README.md there says how to add one).
 *
 * To cover a new version: write the fixture of the version before it, add its file name here.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { Dexie } from 'dexie'
import { afterEach, describe, expect, it } from 'vitest'
import { DB_VERSION, openDb, type ConsentLensDb } from '../../../src/db/ConsentLensDb.ts'
import { STORED_ROWS } from '../../../src/db/storedRows.ts'
import { StoredRowError } from '../../../src/db/validateRows.ts'
import { decodeRow, restoreFixture, type DexieFixture } from '../../support/dexieFixture.ts'

const FIXTURES = [
  'v1-tablet-in-use.json', // version 1's shapes (reconstructed)
  'v3-tablet-in-use.json', // written by version 3 (before version 4)
]

function load(file: string): DexieFixture {
  const path = resolve(import.meta.dirname, '../../fixtures/dexie', file)
  return JSON.parse(readFileSync(path, 'utf8')) as DexieFixture
}

const opened: ConsentLensDb[] = []

async function openWithTodaysCode(fixture: DexieFixture): Promise<ConsentLensDb> {
  const name = `fixture-${globalThis.crypto.randomUUID()}`
  await restoreFixture(fixture, name)
  const db = openDb(name)
  opened.push(db)
  await db.open()
  return db
}

afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close()
    await Dexie.delete(db.name)
  }
})

describe.each(FIXTURES)('a database written as %s', (file) => {
  const fixture = load(file)

  it('opens at today’s version with every row and field kept', async () => {
    const db = await openWithTodaysCode(fixture)
    expect(db.verno).toBe(DB_VERSION)
    for (const [store, rows] of Object.entries(fixture.tables)) {
      const table = db.table(store)
      expect(await table.count(), store).toBe(rows.length)
      const keyPath = table.schema.primKey.keyPath as string
      for (const row of rows.map(decodeRow) as Record<string, unknown>[]) {
        const kept = (await table.get(row[keyPath] as string)) as Record<string, unknown>
        // Blobs compare by size and type. A later version may add fields; none may go.
        const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value, blobShape))
        expect(plain(kept), `${store} ${String(row[keyPath])}`).toMatchObject(
          plain(row) as Record<string, unknown>,
        )
      }
    }
  })

  it('has only rows today’s code understands', async () => {
    const db = await openWithTodaysCode(fixture)
    for (const [store, schema] of Object.entries(STORED_ROWS)) {
      for (const row of await db.table(store).toArray()) {
        const parsed = schema.safeParse(row)
        expect(parsed.success, `${store}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true)
      }
    }
  })
})

describe('a row the upgrade cannot read', () => {
  it('aborts the upgrade, names the row, and leaves the database as it was', async () => {
    const fixture = load('v3-tablet-in-use.json')
    const broken = structuredClone(fixture)
    broken.tables.photos = [{ ...(broken.tables.photos![0] as object), syncState: 'lost' }]
    const name = `fixture-${globalThis.crypto.randomUUID()}`
    await restoreFixture(broken, name)

    const db = openDb(name)
    const failure: unknown = await db.open().then(
      () => null,
      (error: unknown) => error,
    )
    db.close()
    expect(String(failure)).toContain('photos')
    expect(String(failure)).toContain('Nothing was changed or lost')

    const old = new Dexie(name)
    for (const { version, stores } of fixture.declarations) old.version(version).stores(stores)
    await old.open()
    expect(old.verno).toBe(3)
    expect(await old.table('photos').count()).toBe(1)
    expect(await old.table('consents').count()).toBe(fixture.tables.consents!.length)
    old.close()
    await Dexie.delete(name)
  })

  it('says which store and entry, in words for the setting', () => {
    const error = new StoredRowError('photos', 'photo-1', 'syncState: invalid')
    expect(error.message).toMatch(/saved photos .*"photo-1".*Nothing was changed or lost/)
  })
})

function blobShape(_key: string, value: unknown): unknown {
  return value instanceof Blob ? { blob: value.size, type: value.type } : value
}
