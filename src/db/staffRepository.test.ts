import { ed25519 } from '@noble/curves/ed25519.js'
import { bytesToHex } from '@noble/hashes/utils.js'
import { afterEach, describe, expect, it } from 'vitest'
import { changeProofMessage, PushChangeSchema, verifyProof } from '../protocol/index.ts'
import type { ConsentLensDb } from './ConsentLensDb.ts'
import { listOutbox } from './outbox.ts'
import { createStaff, listStaff, setAuthorised, setPin } from './staffRepository.ts'
import {
  KEYWORKER,
  MANAGER,
  PRACTITIONER,
  STUDENT,
  T0,
  smallSetting,
} from '../../tests/support/testDb.ts'
import { verifyPin } from './verifyPin.ts'

const MINUTE = 60_000
let db: ConsentLensDb

afterEach(async () => {
  await db.delete()
})

function at(ms: number): string {
  return new Date(Date.parse(T0) + ms).toISOString()
}

async function wrongTimes(n: number, now: string) {
  const results = []
  for (let i = 0; i < n; i++) results.push(await verifyPin(db, KEYWORKER.id, '0000', now))
  return results
}

describe('staff', () => {
  it('the manager adds staff: students and volunteers start unauthorised', async () => {
    db = await smallSetting()
    const student = await createStaff(db, { name: ' Kit Novak ', role: 'student' }, MANAGER, T0)
    const helper = await createStaff(db, { name: 'Ola B', role: 'practitioner' }, MANAGER, T0)
    expect(student.ok && student.value).toMatchObject({ name: 'Kit Novak', canCapture: false })
    expect(helper.ok && helper.value).toMatchObject({ canCapture: true, hasPin: false })
    expect((await listStaff(db)).map((s) => s.name)).toContain('Kit Novak')
    expect((await listOutbox(db)).map((e) => e.kind)).toEqual(['staff', 'staff'])
  })

  it('only the manager adds staff or changes who may take photos', async () => {
    db = await smallSetting()
    const add = await createStaff(db, { name: 'X', role: 'volunteer' }, KEYWORKER, T0)
    expect(add.ok || add.error.code).toBe('not-permitted')
    const self = await setAuthorised(db, STUDENT.id, true, STUDENT, T0)
    expect(self.ok || self.error.code).toBe('not-permitted')
    const byManager = await setAuthorised(db, STUDENT.id, true, MANAGER, T0)
    expect(byManager.ok && byManager.value.canCapture).toBe(true)
    const outbox = await listOutbox(db)
    expect(outbox).toHaveLength(1)
    expect(outbox[0]?.payload).toEqual(byManager.ok && byManager.value)
  })

  it('a deactivated person can no longer act', async () => {
    db = await smallSetting()
    await db.staff.update(MANAGER.id, { active: false })
    const result = await setAuthorised(db, STUDENT.id, true, MANAGER, T0)
    expect(result.ok || result.error.message).toMatch(/Sign in again/)
  })
})

describe('PINs', () => {
  it('are set by their owner or the manager, never by someone else', async () => {
    db = await smallSetting()
    expect((await setPin(db, KEYWORKER.id, '2345', KEYWORKER, T0)).ok).toBe(true)
    expect((await setPin(db, STUDENT.id, '4567', MANAGER, T0)).ok).toBe(true)
    const other = await setPin(db, STUDENT.id, '9999', PRACTITIONER, T0)
    expect(other.ok || other.error.code).toBe('not-permitted')
    const bad = await setPin(db, KEYWORKER.id, '12', KEYWORKER, T0)
    expect(bad.ok || bad.error.message).toMatch(/4 to 6 digits/)
  })

  it('a manager’s new PIN has 6 digits; others may have 4', async () => {
    db = await smallSetting()
    const short = await setPin(db, MANAGER.id, '2580', MANAGER, T0)
    expect(short.ok || short.error.message).toMatch(/manager's PIN is 6 digits/)
    const added = await createStaff(
      db,
      { name: 'Deputy', role: 'manager', pin: '2580' },
      MANAGER,
      T0,
    )
    expect(added.ok || added.error.code).toBe('bad-pin')
    expect((await setPin(db, STUDENT.id, '2580', MANAGER, T0)).ok).toBe(true)
    expect((await setPin(db, MANAGER.id, '258014', MANAGER, T0)).ok).toBe(true)
  })

  it('one’s own new PIN is signed with the current key and gives the session its next one', async () => {
    db = await smallSetting()
    const changed = await setPin(db, KEYWORKER.id, '864209', KEYWORKER, T0)
    if (!changed.ok) throw new Error(changed.error.message)
    const [entry] = await listOutbox(db)
    const wire = PushChangeSchema.parse({ ...entry, proof: undefined })
    const message = changeProofMessage({
      settingId: 'setting-1',
      changeId: wire.id,
      kind: wire.kind,
      actorId: KEYWORKER.id,
      payload: wire.payload,
    })
    expect(verifyProof(KEYWORKER.pin?.publicKeyHex ?? '', message, entry?.proof ?? '')).toBe(true)
    const next = changed.value.ownSigningSeed ?? new Uint8Array()
    const stored = await db.staff.get(KEYWORKER.id)
    expect(bytesToHex(ed25519.getPublicKey(next))).toBe(stored?.pin?.publicKeyHex)
    // A manager's reset gives the manager no key of the other person.
    const reset = await setPin(db, STUDENT.id, '1470', MANAGER, T0)
    expect(reset.ok && reset.value.ownSigningSeed).toBeNull()
  })

  it('are never stored in clear, and each person has their own salt', async () => {
    db = await smallSetting()
    await setPin(db, KEYWORKER.id, '987654', KEYWORKER, T0)
    await setPin(db, PRACTITIONER.id, '987654', MANAGER, T0)
    const rows = [await db.staff.get(KEYWORKER.id), await db.staff.get(PRACTITIONER.id)]
    for (const row of rows) {
      expect(JSON.stringify(row)).not.toContain('987654')
      expect(row?.pin?.iterations).toBeGreaterThanOrEqual(100_000)
    }
    expect(rows[0]?.pin?.saltB64).not.toBe(rows[1]?.pin?.saltB64)
    const audit = JSON.stringify(await db.audit.toArray())
    const outbox = await listOutbox(db)
    expect(JSON.stringify([audit, outbox])).not.toContain('987654')
    expect(audit).not.toContain(rows[0]?.pin?.hashB64)
    // The verifier travels only in its own kind of entry (decision 0005), never with a name.
    const carrying = outbox.filter((e) => JSON.stringify(e).includes(rows[0]?.pin?.hashB64 ?? '-'))
    expect(carrying.map((e) => e.kind)).toEqual(['staffPin'])
  })

  it('a new PIN goes to the outbox as a staffPin entry in the same transaction, to reach every iPad', async () => {
    db = await smallSetting()
    await setPin(db, KEYWORKER.id, '2468', KEYWORKER, T0)
    const stored = await db.staff.get(KEYWORKER.id)
    const outbox = await listOutbox(db)
    expect(outbox).toHaveLength(1)
    expect(outbox[0]).toMatchObject({
      kind: 'staffPin',
      entityId: KEYWORKER.id,
      createdAt: T0,
      payload: { id: KEYWORKER.id, pin: stored?.pin },
    })
    expect(Object.keys(outbox[0]?.payload ?? {}).sort()).toEqual(['id', 'pin'])
  })

  it('a refused PIN change leaves nothing in the outbox', async () => {
    db = await smallSetting()
    await setPin(db, STUDENT.id, '9999', PRACTITIONER, T0)
    await setPin(db, KEYWORKER.id, '12', KEYWORKER, T0)
    expect(await listOutbox(db)).toEqual([])
  })

  it('someone added with a PIN is sent as staff, then their verifier', async () => {
    db = await smallSetting()
    const added = await createStaff(
      db,
      { name: 'Ola B', role: 'practitioner', pin: '1357' },
      MANAGER,
      T0,
    )
    const id = added.ok ? added.value.id : ''
    const outbox = await listOutbox(db)
    expect(outbox.map((e) => [e.kind, e.entityId])).toEqual([
      ['staff', id],
      ['staffPin', id],
    ])
    expect(outbox[0]?.payload).not.toHaveProperty('pin')
    expect(outbox[1]?.payload).toEqual({ id, pin: (await db.staff.get(id))?.pin })
  })

  it('five wrong tries lock for 5 minutes, the next lockout for 10', async () => {
    db = await smallSetting()
    await setPin(db, KEYWORKER.id, '2345', KEYWORKER, T0)
    const first = await wrongTimes(5, at(0))
    expect(first.map((r) => r.ok || r.error.code)).toEqual([
      'wrong-pin',
      'wrong-pin',
      'wrong-pin',
      'wrong-pin',
      'locked',
    ])
    expect(first[3]?.ok || first[3]?.error.message).toMatch(/1 more try/)
    expect(first[4]?.ok || first[4]?.error.message).toMatch(/Try again in 5 minutes/)
    expect((await db.staff.get(KEYWORKER.id))?.lockedUntil).toBe(at(5 * MINUTE))
    // Locked: even the right PIN is refused, and the attempt is not counted.
    const locked = await verifyPin(db, KEYWORKER.id, '2345', at(5 * MINUTE - 1))
    expect(locked.ok || locked.error.code).toBe('locked')
    const back = await verifyPin(db, KEYWORKER.id, '2345', at(5 * MINUTE))
    expect(back.ok && back.value.staff.id).toBe(KEYWORKER.id)

    const second = await wrongTimes(5, at(6 * MINUTE))
    expect(second[4]?.ok || second[4]?.error.message).toMatch(/Try again in 10 minutes/)
    expect((await db.staff.get(KEYWORKER.id))?.lockedUntil).toBe(at(16 * MINUTE))
    expect((await db.audit.toArray()).filter((e) => e.type === 'pin-lockout')).toHaveLength(2)
  })

  it('a correct PIN clears the count of wrong ones; a new PIN clears lockouts', async () => {
    db = await smallSetting()
    await setPin(db, KEYWORKER.id, '2345', KEYWORKER, T0)
    await wrongTimes(4, at(0))
    expect((await verifyPin(db, KEYWORKER.id, '2345', at(0))).ok).toBe(true)
    const afterReset = await wrongTimes(4, at(0))
    expect(afterReset.every((r) => !r.ok && r.error.code === 'wrong-pin')).toBe(true)
    await wrongTimes(1, at(0))
    await setPin(db, KEYWORKER.id, '5432', MANAGER, at(MINUTE))
    const row = await db.staff.get(KEYWORKER.id)
    expect(row).toMatchObject({ failedAttempts: 0, lockedUntil: null, lockouts: 0 })
    expect((await verifyPin(db, KEYWORKER.id, '5432', at(MINUTE))).ok).toBe(true)
  })

  it('tells someone with no PIN or no place on this device what to do', async () => {
    db = await smallSetting()
    await db.staff.update(STUDENT.id, { pin: null })
    const noPin = await verifyPin(db, STUDENT.id, '1234', T0)
    expect(noPin.ok || noPin.error.code).toBe('no-pin')
    const unknown = await verifyPin(db, 'nobody', '1234', T0)
    expect(unknown.ok || unknown.error.code).toBe('unknown-staff')
  })
})
