// Sign-in lists the same people, in the same order, whether its list came from the early read
// at start (earlySignInRows.ts, before Dexie is loaded) or from Dexie.
import { describe, expect, it } from 'vitest'
import { readSignInRowsEarly } from '../../../db/earlySignInRows.ts'
import { DEMO_STAFF } from '../../../demo/demoRoster.ts'
import { demoDb } from '../../../../tests/support/demoDb.ts'
import { readSignInList, signInListFrom } from './signInList.ts'

describe('who sign-in lists', () => {
  it('is the same from the early read as from Dexie: active staff by name, and the demo', async () => {
    const db = await demoDb()
    await db.staff.update(DEMO_STAFF.practitioner.id, { active: false })
    const rows = await readSignInRowsEarly(indexedDB, db.name)
    expect(rows).not.toBeNull()
    const early = signInListFrom(rows!.staff, rows!.setting)
    const fromDexie = await readSignInList(db)
    expect(early).toEqual(fromDexie)
    const names = early.staff.map((s) => s.name)
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)))
    expect(early.staff.map((s) => s.id)).not.toContain(DEMO_STAFF.practitioner.id)
    expect(early.staff.length).toBe(Object.keys(DEMO_STAFF).length - 1)
    expect(early.isDemo).toBe(true)
  })
})
