// The outbox entry and the change it records live or die together: a failure anywhere in the
// transaction leaves neither.
import { afterEach, describe, expect, it } from 'vitest'
import { changeProofMessage, PushChangeSchema, verifyProof } from '../protocol/index.ts'
import type { ConsentLensDb } from './ConsentLensDb.ts'
import { recordConsent } from './consentRepository.ts'
import { clearInjury, recordInjury } from './injuryRepository.ts'
import { enqueueOutbox, listOutbox } from './outbox.ts'
import { createStaff, setAuthorised } from './staffRepository.ts'
import {
  ALMA,
  MANAGER,
  MOTHER,
  STUDENT,
  T0,
  smallSetting,
  testPin,
} from '../../tests/support/testDb.ts'

let db: ConsentLensDb

afterEach(async () => {
  await db.delete()
})

/** Makes the next write to `table` fail, as a full disk or a bug would. */
function failNextWrite(table: 'outbox' | 'audit' | 'consents'): void {
  db.table(table).hook('creating', () => {
    throw new Error(`simulated failure writing ${table}`)
  })
}

const form = { childId: ALMA.id, decisions: { display: 'granted' as const }, givenBy: MOTHER }

describe('outbox written in the same transaction as the change', () => {
  it('a consent that fails after its outbox entry leaves neither', async () => {
    db = await smallSetting()
    failNextWrite('audit') // the last write of the transaction
    await expect(recordConsent(db, form, MANAGER, T0)).rejects.toThrow(/simulated/)
    expect(await db.consents.count()).toBe(0)
    expect(await db.outbox.count()).toBe(0)
  })

  it('a consent whose outbox entry cannot be written is not stored', async () => {
    db = await smallSetting()
    failNextWrite('outbox')
    await expect(recordConsent(db, form, MANAGER, T0)).rejects.toThrow(/simulated/)
    expect(await db.consents.count()).toBe(0)
    expect(await db.audit.count()).toBe(0)
  })

  it('an injury, its clearing and a staff change are atomic with their outbox entries', async () => {
    db = await smallSetting()
    const injury = await recordInjury(db, { childId: ALMA.id, description: 'bump' }, STUDENT, T0)
    if (!injury.ok) throw new Error(injury.error.message)
    failNextWrite('audit')
    await expect(clearInjury(db, injury.value.id, MANAGER, T0)).rejects.toThrow(/simulated/)
    expect((await db.injuries.get(injury.value.id))?.clearedAt).toBeNull()
    await expect(setAuthorised(db, STUDENT.id, true, MANAGER, T0)).rejects.toThrow()
    expect((await db.staff.get(STUDENT.id))?.canCapture).toBe(false)
    await expect(createStaff(db, { name: 'New', role: 'volunteer' }, MANAGER, T0)).rejects.toThrow()
    expect(await db.staff.count()).toBe(4)
    expect((await listOutbox(db)).map((e) => e.kind)).toEqual(['injury'])
  })

  it('refuses to write an outbox entry outside a transaction', async () => {
    db = await smallSetting()
    const payload = { ...ALMA }
    await expect(enqueueOutbox(db, { kind: 'child', payload, actor: MANAGER }, T0)).rejects.toThrow(
      /inside a transaction/,
    )
  })

  it('keeps entries in the order the changes were made', async () => {
    db = await smallSetting()
    await recordConsent(db, form, MANAGER, T0)
    await recordInjury(db, { childId: ALMA.id, description: 'graze' }, MANAGER, T0)
    await setAuthorised(db, STUDENT.id, true, MANAGER, T0)
    const entries = await listOutbox(db)
    expect(entries.map((e) => e.kind)).toEqual(['consent', 'injury', 'staff'])
    expect(entries.map((e) => e.seq)).toEqual([...entries.map((e) => e.seq)].sort((a, b) => a - b))
    expect(new Set(entries.map((e) => e.id)).size).toBe(3)
    // Who made each change travels with it: the server checks them against its own staff.
    expect(entries.map((e) => e.actorId)).toEqual([MANAGER.id, MANAGER.id, MANAGER.id])
  })
})

describe('each outbox entry carries its author’s proof', () => {
  it('signs the change as the server will read it, with the actor’s seed', async () => {
    db = await smallSetting()
    await recordConsent(db, form, MANAGER, T0)
    await recordInjury(db, { childId: ALMA.id, description: 'graze' }, STUDENT, T0)
    for (const entry of await listOutbox(db)) {
      const wire = PushChangeSchema.parse({ ...entry, proof: undefined })
      const message = changeProofMessage({
        settingId: 'setting-1',
        changeId: entry.id,
        kind: entry.kind,
        actorId: entry.actorId ?? '',
        payload: wire.payload,
      })
      const key =
        entry.actorId === MANAGER.id ? MANAGER.pin?.publicKeyHex : STUDENT.pin?.publicKeyHex
      expect(verifyProof(key ?? '', message, entry.proof ?? '')).toBe(true)
      const otherActor = changeProofMessage({
        settingId: 'setting-1',
        changeId: entry.id,
        kind: entry.kind,
        actorId: 'someone-else',
        payload: wire.payload,
      })
      expect(verifyProof(key ?? '', otherActor, entry.proof ?? '')).toBe(false)
    }
  })

  it('refuses, in words, a change by someone whose session holds no seed', async () => {
    db = await smallSetting()
    const result = await recordConsent(db, form, { id: MANAGER.id, signingSeed: null }, T0)
    expect(result).toMatchObject({ ok: false, error: { code: 'not-permitted' } })
    if (!result.ok) expect(result.error.message).toMatch(/not signed in.*Sign in with your PIN/)
    expect(await db.outbox.count()).toBe(0)
  })

  it('refuses, in words, a change by someone whose PIN predates signing (v1)', async () => {
    db = await smallSetting()
    const { scheme: _scheme, publicKeyHex: _key, ...v1 } = MANAGER.pin ?? testPin('x').pin
    await db.staff.update(MANAGER.id, { pin: v1 })
    const result = await recordConsent(db, form, MANAGER, T0)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.message).toMatch(/older version.*set a new PIN for you/)
    expect(await db.outbox.count()).toBe(0)
  })

  it('refuses a change signed with the seed of a PIN that has since changed', async () => {
    db = await smallSetting()
    await db.staff.update(MANAGER.id, { pin: testPin('someone else').pin })
    const result = await recordConsent(db, form, MANAGER, T0)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.message).toMatch(/PIN has changed since you signed in/)
  })
})
