import { afterEach, describe, expect, it } from 'vitest'
import { childPhotoStatus } from '../policy/index.ts'
import type { ConsentLensDb } from './ConsentLensDb.ts'
import { clearInjury, injuriesOf, recordInjury } from './injuryRepository.ts'
import { loadPolicyContext } from './loadPolicyContext.ts'
import { listOutbox } from './outbox.ts'
import { ALMA, KEYWORKER, MANAGER, STUDENT, T0, smallSetting } from '../../tests/support/testDb.ts'

const T1 = '2026-05-01T15:00:00.000Z'
let db: ConsentLensDb

afterEach(async () => {
  await db.delete()
})

describe('injuries', () => {
  it('any member of staff records one, and the child is excluded until cleared', async () => {
    db = await smallSetting()
    const input = { childId: ALMA.id, description: '  Bumped knee in the garden ' }
    const recorded = await recordInjury(db, input, STUDENT, T0)
    if (!recorded.ok) throw new Error(recorded.error.message)
    expect(recorded.value).toMatchObject({
      description: 'Bumped knee in the garden',
      recordedBy: STUDENT.id,
      clearedAt: null,
    })
    const ctx = await loadPolicyContext(db, { now: T1, deviceId: 'device-1' })
    expect(childPhotoStatus(ctx, ALMA.id).reasons.map((r) => r.code)).toContain('injury')
    expect(await injuriesOf(db, ALMA.id, true)).toHaveLength(1)
  })

  it('only the manager clears one; clearing is written once and sent to the server', async () => {
    db = await smallSetting()
    const recorded = await recordInjury(
      db,
      { childId: ALMA.id, description: 'bump' },
      KEYWORKER,
      T0,
    )
    if (!recorded.ok) throw new Error(recorded.error.message)
    const byKeyworker = await clearInjury(db, recorded.value.id, KEYWORKER, T1)
    expect(byKeyworker).toEqual({
      ok: false,
      error: { code: 'not-permitted', message: 'Only the manager can clear an injury.' },
    })
    const cleared = await clearInjury(db, recorded.value.id, MANAGER, T1)
    expect(cleared.ok && cleared.value).toMatchObject({ clearedAt: T1, clearedBy: MANAGER.id })
    const twice = await clearInjury(db, recorded.value.id, MANAGER, T1)
    expect(twice.ok || twice.error.code).toBe('already-cleared')
    const outbox = await listOutbox(db)
    expect(outbox.map((e) => [e.kind, e.entityId])).toEqual([
      ['injury', recorded.value.id],
      ['injury', recorded.value.id],
    ])
    expect(outbox[1]?.payload).toMatchObject({ clearedAt: T1 })
    const ctx = await loadPolicyContext(db, { now: T1, deviceId: 'device-1' })
    expect(childPhotoStatus(ctx, ALMA.id).injury).toBeNull()
    expect(await injuriesOf(db, ALMA.id, true)).toEqual([])
    expect(await injuriesOf(db, ALMA.id)).toHaveLength(1)
  })

  it('asks for a description and a known child', async () => {
    db = await smallSetting()
    const blank = await recordInjury(db, { childId: ALMA.id, description: ' ' }, MANAGER, T0)
    expect(blank.ok || blank.error.code).toBe('no-description')
    const nobody = await recordInjury(db, { childId: 'x', description: 'bump' }, MANAGER, T0)
    expect(nobody.ok || nobody.error.code).toBe('unknown-child')
    expect(await db.injuries.count()).toBe(0)
  })
})
