// The audit log as written by the real repositories is one intact hash chain per device, and a
// row changed in IndexedDB behind the app's back is found.
import { afterEach, describe, expect, it } from 'vitest'
import { verifyChain } from '../audit/verifyChain.ts'
import { appendAudit, listAudit } from './auditLog.ts'
import type { ConsentLensDb } from './ConsentLensDb.ts'
import { DEMO_DEVICE_ID, DEMO_STAFF } from '../demo/index.ts'
import { demoPinVerifier, testSigner } from '../../tests/support/testSigners.ts'
import { seedDemoIfEmpty } from './seedDemo.ts'
import { setAuthorised } from './staffRepository.ts'
import { freshDb, smallSetting, T0 } from '../../tests/support/testDb.ts'

let db: ConsentLensDb

afterEach(async () => {
  await db.delete()
})

function append(n: number) {
  return db.transaction('rw', [db.audit, db.device], () =>
    appendAudit(db, { at: T0, staffId: 'manager', type: 'pin-set', details: { n } }),
  )
}

describe('the audit log’s hash chain', () => {
  it('chains events written at the same time, in seq order', async () => {
    db = await smallSetting()
    await Promise.all([append(1), append(2), append(3), append(4)])
    const events = await listAudit(db, 'device-1')
    expect(verifyChain(events)).toMatchObject({ ok: true, count: 4 })
  })

  it('chains what the repositories write, from the demo seed on', async () => {
    db = freshDb()
    await seedDemoIfEmpty(db, T0, demoPinVerifier)
    const manager = await testSigner(db, DEMO_STAFF.manager.id)
    await setAuthorised(db, DEMO_STAFF.student.id, true, manager, T0)
    const events = await listAudit(db, DEMO_DEVICE_ID)
    expect(events.length).toBeGreaterThanOrEqual(2)
    expect(verifyChain(events).ok).toBe(true)
  })

  it('shows an event edited in the database behind the app’s back', async () => {
    db = await smallSetting()
    await append(1)
    const second = await append(2)
    await append(3)
    await db.audit.update(second.id, { details: { n: 20 } })
    expect(verifyChain(await listAudit(db, 'device-1'))).toMatchObject({
      ok: false,
      problem: { code: 'edited', seq: 2 },
    })
  })

  it('shows an event deleted from the database', async () => {
    db = await smallSetting()
    await append(1)
    const second = await append(2)
    await append(3)
    await db.audit.delete(second.id)
    expect(verifyChain(await listAudit(db, 'device-1'))).toMatchObject({
      ok: false,
      problem: { code: 'removed', seq: 2 },
    })
  })
})
