// A refusal is kept, its outbox entry leaves, and the tablet's copy agrees with the server's:
// the server's copy where it has one, no record where it has none, except on the safe side.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ConsentLensDb, OutboxChange, OutboxEntry } from '../db/index.ts'
import { ALMA, MANAGER, smallSetting, STUDENT } from '../../tests/support/testDb.ts'
import type { PushResult, ServerCopy } from '../protocol/index.ts'
import { keepRefusals } from './keepRefusals.ts'

const NOW = '2026-11-23T10:00:00.000Z'
let db: ConsentLensDb
beforeEach(async () => {
  db = await smallSetting()
})
afterEach(async () => {
  await db.delete()
})

async function queued(change: OutboxChange): Promise<OutboxEntry> {
  const id = globalThis.crypto.randomUUID()
  const header = { id, entityId: change.payload.id, createdAt: NOW, actorId: MANAGER.id }
  const entry = { ...change, ...header }
  const seq = await db.outbox.add(entry)
  return { ...entry, seq }
}

function refused(entry: OutboxEntry, serverCopy?: ServerCopy): PushResult {
  const error = { code: 'not_permitted', message: 'Only the manager can do this.' }
  return serverCopy === undefined
    ? { id: entry.id, status: 'rejected', error }
    : { id: entry.id, status: 'rejected', error, serverCopy }
}

const LOCATION = {
  id: 'loc-1',
  name: 'Garden',
  kind: 'garden' as const,
  roomId: null,
  archived: false,
}

describe('keepRefusals', () => {
  it('keeps the refusal, drops the entry, and takes the server’s copy of a staff record', async () => {
    await db.staff.update(STUDENT.id, { canCapture: true })
    const { pin: _pin, failedAttempts: _f, lockedUntil: _l, lockouts: _o, ...wire } = STUDENT
    const entry = await queued({
      kind: 'staff',
      payload: { ...wire, canCapture: true, hasPin: false, lockedUntil: null },
    })
    const [kept] = await keepRefusals(
      db,
      [{ entry, result: refused(entry, { kind: 'staff', id: STUDENT.id, payload: wire }) }],
      NOW,
    )
    expect(kept).toMatchObject({ id: entry.id, outcome: 'server-copy', seenAt: null })
    expect(await db.staff.get(STUDENT.id)).toEqual(STUDENT)
    expect(await db.outbox.count()).toBe(0)
    expect(await db.refusals.get(entry.id)).toMatchObject({
      kind: 'staff',
      code: 'not_permitted',
      message: 'Only the manager can do this.',
      actorId: MANAGER.id,
      madeAt: NOW,
      refusedAt: NOW,
    })
  })

  it.each([['child', ALMA] as const, ['location', LOCATION] as const])(
    'removes a %s the server does not have',
    async (kind, record) => {
      if (kind === 'location') await db.locations.add(LOCATION)
      const entry = await queued(
        kind === 'child' ? { kind, payload: ALMA } : { kind, payload: LOCATION },
      )
      const copy: ServerCopy = { kind, id: record.id, payload: null }
      await keepRefusals(db, [{ entry, result: refused(entry, copy) }], NOW)
      expect(
        await db.table(kind === 'child' ? 'children' : 'locations').get(record.id),
      ).toBeUndefined()
      expect(await db.refusals.get(entry.id)).toMatchObject({ outcome: 'removed' })
    },
  )

  it('keeps an injury the server does not have: it only ever stops photos', async () => {
    const injury = {
      id: 'inj-1',
      childId: ALMA.id,
      recordedAt: NOW,
      recordedBy: MANAGER.id,
      description: 'Graze',
      clearedAt: null,
      clearedBy: null,
    }
    await db.injuries.add(injury)
    const entry = await queued({ kind: 'injury', payload: injury })
    await keepRefusals(
      db,
      [{ entry, result: refused(entry, { kind: 'injury', id: injury.id, payload: null }) }],
      NOW,
    )
    expect(await db.injuries.get(injury.id)).toEqual(injury)
    expect(await db.refusals.get(entry.id)).toMatchObject({ outcome: 'kept' })
  })

  it('leaves the record to a later change of it still waiting, and keeps a PIN out of the refusal', async () => {
    const pin = { saltB64: 'c2FsdA==', hashB64: 'aGFzaA==', iterations: 600_000 }
    const first = await queued({ kind: 'staffPin', payload: { id: STUDENT.id, pin } })
    await queued({ kind: 'staffPin', payload: { id: STUDENT.id, pin } })
    await db.staff.update(STUDENT.id, { pin })
    const copy: ServerCopy = { kind: 'staffPin', id: STUDENT.id, payload: null }
    await keepRefusals(db, [{ entry: first, result: refused(first, copy) }], NOW)
    expect((await db.staff.get(STUDENT.id))?.pin).toEqual(pin)
    expect(await db.outbox.count()).toBe(1)
    expect(await db.refusals.get(first.id)).toMatchObject({
      outcome: 'kept',
      payload: { id: STUDENT.id },
    })
    expect(JSON.stringify(await db.refusals.toArray())).not.toContain(pin.hashB64)
  })

  it('keeps its own copy when the server sends none (a photo, an older server)', async () => {
    const entry = await queued({ kind: 'location', payload: LOCATION })
    await db.locations.add(LOCATION)
    await keepRefusals(db, [{ entry, result: refused(entry) }], NOW)
    expect(await db.locations.get(LOCATION.id)).toEqual(LOCATION)
    expect(await db.refusals.get(entry.id)).toMatchObject({ outcome: 'kept' })
  })
})
