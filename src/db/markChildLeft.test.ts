import { afterEach, describe, expect, it } from 'vitest'
import { listAudit } from './auditLog.ts'
import type { ConsentLensDb } from './ConsentLensDb.ts'
import { markChildLeft } from './markChildLeft.ts'
import { listOutbox } from './outbox.ts'
import { ALMA, KEYWORKER, MANAGER, T0, smallSetting } from '../../tests/support/testDb.ts'

let db: ConsentLensDb
afterEach(async () => {
  await db.delete()
})

describe('markChildLeft', () => {
  it('the manager gives the leaving date: a new version, sent to the server, audited', async () => {
    db = await smallSetting()
    const done = await markChildLeft(
      db,
      { childId: ALMA.id, leavingDate: '2026-07-24' },
      MANAGER,
      T0,
    )
    expect(done.ok).toBe(true)
    const child = await db.children.get(ALMA.id)
    expect(child).toMatchObject({ leavingDate: '2026-07-24', updatedAt: T0 })
    expect(child?.version).toBe((ALMA.version ?? 0) + 1)
    const sent = (await listOutbox(db)).filter((e) => e.kind === 'child')
    expect(sent.at(-1)?.payload).toMatchObject({ id: ALMA.id, leavingDate: '2026-07-24' })
    expect((await listAudit(db, 'device-1')).at(-1)).toMatchObject({
      type: 'child-left',
      staffId: MANAGER.id,
      details: { childId: ALMA.id, leavingDate: '2026-07-24', before: null },
    })
  })

  it('refuses anyone but the manager, and a date that is not a day; nothing changes', async () => {
    db = await smallSetting()
    const keyworker = await markChildLeft(
      db,
      { childId: ALMA.id, leavingDate: '2026-07-24' },
      KEYWORKER,
      T0,
    )
    expect(keyworker).toMatchObject({ ok: false, error: { code: 'not-permitted' } })
    const bad = await markChildLeft(
      db,
      { childId: ALMA.id, leavingDate: '24/07/2026' },
      MANAGER,
      T0,
    )
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid' } })
    expect((await db.children.get(ALMA.id))?.leavingDate).toBeNull()
  })
})
