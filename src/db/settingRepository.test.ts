import { afterEach, describe, expect, it } from 'vitest'
import type { ConsentLensDb } from './ConsentLensDb.ts'
import { getSetting } from './rosterQueries.ts'
import { setIdleLockMinutes } from './settingRepository.ts'
import { KEYWORKER, MANAGER, smallSetting, T0 } from '../../tests/support/testDb.ts'

let db: ConsentLensDb | undefined
afterEach(async () => {
  await db?.delete()
})

async function settingWithPreferences(): Promise<ConsentLensDb> {
  const made = await smallSetting()
  await made.setting.add({
    id: 'setting-1',
    name: 'Ladybirds Nursery',
    isDemo: false,
    idleLockMinutes: 5,
    defaultPurposes: ['learning_journey'],
  })
  return made
}

describe('setIdleLockMinutes', () => {
  it('lets the manager change the idle lock, with an audit event', async () => {
    db = await settingWithPreferences()
    const result = await setIdleLockMinutes(db, 10, MANAGER, T0)
    expect(result).toEqual({ ok: true, value: 10 })
    expect((await getSetting(db))?.idleLockMinutes).toBe(10)
    const events = await db.audit.toArray()
    expect(events.map((e) => [e.type, e.staffId, e.details])).toEqual([
      ['settings-changed', MANAGER.id, { idleLockMinutes: 10, was: 5 }],
    ])
  })

  it('refuses anyone but the manager, and changes nothing', async () => {
    db = await settingWithPreferences()
    const result = await setIdleLockMinutes(db, 30, KEYWORKER, T0)
    expect(result.ok || result.error.code).toBe('not-permitted')
    expect((await getSetting(db))?.idleLockMinutes).toBe(5)
    expect(await db.audit.count()).toBe(0)
  })

  it.each([0, 61, 2.5, Number.NaN])('refuses %s minutes with the range in words', async (n) => {
    db = await settingWithPreferences()
    const result = await setIdleLockMinutes(db, n, MANAGER, T0)
    expect(result.ok || result.error.message).toMatch(/from 1 to 60/)
  })
})
