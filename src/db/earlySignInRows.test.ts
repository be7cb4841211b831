// The early read of sign-in's rows (main.tsx starts it before React and Dexie are evaluated):
// it reads what Dexie holds, and it never creates, upgrades or holds up the
// database it finds missing or out of date.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { Dexie } from 'dexie'
import { afterEach, describe, expect, it } from 'vitest'
import { demoDb } from '../../tests/support/demoDb.ts'
import { restoreFixture, type DexieFixture } from '../../tests/support/dexieFixture.ts'
import { DB_VERSION, openDb } from './ConsentLensDb.ts'
import { readSignInRowsEarly } from './earlySignInRows.ts'
import { LATEST_DB_VERSION, LATEST_NATIVE_VERSION } from './latestVersion.ts'

const names: string[] = []
function uniqueName(): string {
  const name = `early-${globalThis.crypto.randomUUID()}`
  names.push(name)
  return name
}

afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name)
})

async function databaseNames(): Promise<string[]> {
  return (await indexedDB.databases()).map((info) => info.name ?? '')
}

describe('reading sign-in’s rows before Dexie is loaded', () => {
  it('is held to the newest Dexie version, at the native number Dexie opens', async () => {
    expect(LATEST_DB_VERSION).toBe(DB_VERSION)
    const db = await demoDb()
    expect(db.backendDB().version).toBe(LATEST_NATIVE_VERSION)
  })

  it('reads the rows Dexie holds: every staff row and the setting', async () => {
    const db = await demoDb()
    const rows = await readSignInRowsEarly(indexedDB, db.name)
    expect(rows).not.toBeNull()
    expect(rows!.staff).toEqual(await db.staff.toArray())
    expect(rows!.setting).toEqual(await db.setting.toCollection().first())
  })

  it('creates nothing when there is no database yet, and Dexie then opens and seeds it', async () => {
    const name = uniqueName()
    expect(await readSignInRowsEarly(indexedDB, name)).toBeNull()
    expect(await databaseNames()).not.toContain(name)
    const db = openDb(name)
    await db.open()
    expect(db.verno).toBe(DB_VERSION)
    expect(await db.setting.count()).toBe(0)
    db.close()
  })

  it('leaves a database from before an update to Dexie’s upgrade, without blocking it', async () => {
    const path = resolve(import.meta.dirname, '../../tests/fixtures/dexie/v3-tablet-in-use.json')
    const fixture = JSON.parse(readFileSync(path, 'utf8')) as DexieFixture
    const name = uniqueName()
    await restoreFixture(fixture, name)
    expect(await readSignInRowsEarly(indexedDB, name)).toBeNull()
    // The early connection is closed: the upgrade is not blocked, and the rows are all there.
    const db = openDb(name)
    await db.open()
    expect(db.verno).toBe(DB_VERSION)
    expect(await db.staff.count()).toBe(fixture.tables.staff?.length)
    // Now up to date: the early read finds what Dexie holds.
    const rows = await readSignInRowsEarly(indexedDB, name)
    expect(rows?.staff).toEqual(await db.staff.toArray())
    db.close()
  })

  it('answers null for an up-to-date database without its setting (the demo seed runs)', async () => {
    const name = uniqueName()
    const db = openDb(name)
    await db.open()
    db.close()
    expect(await readSignInRowsEarly(indexedDB, name)).toBeNull()
  })
})
