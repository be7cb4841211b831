import { afterEach, describe, expect, it } from 'vitest'
import { compileContext } from '../policy/index.ts'
import type { ConsentLensDb } from './ConsentLensDb.ts'
import { loadPolicyContext } from './loadPolicyContext.ts'
import { ALMA, MANAGER, STUDENT, T0, smallSetting } from '../../tests/support/testDb.ts'

let db: ConsentLensDb

afterEach(async () => {
  await db.delete()
})

describe('loadPolicyContext', () => {
  it('builds a context the policy accepts, from every table it needs', async () => {
    db = await smallSetting()
    await db.locations.add({
      id: 'loo',
      name: 'Toilets',
      kind: 'toilet',
      roomId: null,
      archived: false,
    })
    await db.injuries.add({
      id: 'i1',
      childId: ALMA.id,
      recordedAt: T0,
      recordedBy: MANAGER.id,
      description: 'bump',
      clearedAt: null,
      clearedBy: null,
    })
    await db.staff.update(MANAGER.id, { active: false })
    const ctx = await loadPolicyContext(db, { now: T0, deviceId: 'device-1' })
    expect(() => compileContext(ctx)).not.toThrow()
    expect(ctx.consentDataSyncedAt).toBe(T0)
    expect(ctx.devices).toEqual([{ id: 'device-1', enrolled: true, revoked: false }])
    expect(ctx.locations).toEqual([{ id: 'loo', name: 'Toilets', kind: 'toilet' }])
    expect(ctx.children.find((c) => c.id === ALMA.id)?.injuries).toEqual([
      { recordedAt: T0, clearedAt: null },
    ])
    const canCapture = Object.fromEntries(ctx.staff.map((s) => [s.id, s.canCapture]))
    expect(canCapture).toMatchObject({ [MANAGER.id]: false, [STUDENT.id]: false, keyworker: true })
  })

  it('counts consent data as never synced when this device has no enrolment', async () => {
    db = await smallSetting()
    const ctx = await loadPolicyContext(db, { now: T0, deviceId: 'another-device' })
    expect(ctx.consentDataSyncedAt).toBe('1970-01-01T00:00:00.000Z')
  })
})
