// A pulled record replaces the tablet's copy only when it is newer by the records' own
// versions; rows from before versions keep the rule that a change still waiting to be sent wins.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ConsentLensDb } from '../db/index.ts'
import { ALMA, MANAGER, smallSetting, STUDENT } from '../../tests/support/testDb.ts'
import type { StaffWire } from '../protocol/index.ts'
import { applyPulled } from './applyPulled.ts'

const NOW = '2026-11-23T10:00:00.000Z'
let db: ConsentLensDb
beforeEach(async () => {
  db = await smallSetting()
})
afterEach(async () => {
  await db.delete()
})

function wire(canCapture: boolean, version?: number, updatedAt?: string): StaffWire {
  const { id, name, role, roomId, active } = STUDENT
  const staff: StaffWire = { id, name, role, roomId, active, canCapture }
  if (version !== undefined) staff.version = version
  if (updatedAt !== undefined) staff.updatedAt = updatedAt
  return staff
}

async function pendingStaffChange(): Promise<void> {
  await db.outbox.add({
    id: 'pending-1',
    kind: 'staff',
    entityId: STUDENT.id,
    createdAt: NOW,
    actorId: MANAGER.id,
    payload: { ...wire(true), hasPin: false, lockedUntil: null },
  })
}

const pull = (payload: StaffWire) => applyPulled(db, [{ seq: 1, kind: 'staff', payload }], NOW)

describe('applyPulled and record versions', () => {
  it('never lets an older copy overwrite a newer local edit', async () => {
    await db.staff.update(STUDENT.id, { canCapture: true, version: 3, updatedAt: NOW })
    await pull(wire(false, 2, '2026-11-23T11:00:00.000Z'))
    expect(await db.staff.get(STUDENT.id)).toMatchObject({ canCapture: true, version: 3 })
  })

  it('takes a newer copy even over a local edit still waiting (the server refuses that edit)', async () => {
    await db.staff.update(STUDENT.id, { canCapture: true, version: 2, updatedAt: NOW })
    await pendingStaffChange()
    await pull(wire(false, 2, '2026-11-23T10:30:00.000Z'))
    expect(await db.staff.get(STUDENT.id)).toMatchObject({ canCapture: false, version: 2 })
    // The PIN and its counters are the tablet's own and stay.
    expect((await db.staff.get(STUDENT.id))?.lockouts).toBe(STUDENT.lockouts)
  })

  it('keeps a waiting local edit against a copy that cannot be told newer (rows from before versions)', async () => {
    await db.staff.update(STUDENT.id, { canCapture: true })
    await pendingStaffChange()
    await pull(wire(false))
    expect(await db.staff.get(STUDENT.id)).toMatchObject({ canCapture: true })
  })

  it('takes a copy that cannot be told newer when nothing of its own is waiting', async () => {
    await db.staff.update(STUDENT.id, { canCapture: true })
    await pull(wire(false))
    expect(await db.staff.get(STUDENT.id)).toMatchObject({ canCapture: false })
  })

  it('applies a newer child, and keeps the local one against an older', async () => {
    await db.children.update(ALMA.id, { version: 2, updatedAt: NOW, lastName: 'Local' })
    await applyPulled(
      db,
      [{ seq: 1, kind: 'child', payload: { ...ALMA, version: 1, updatedAt: NOW } }],
      NOW,
    )
    expect((await db.children.get(ALMA.id))?.lastName).toBe('Local')
    await applyPulled(
      db,
      [{ seq: 2, kind: 'child', payload: { ...ALMA, version: 3, updatedAt: NOW } }],
      NOW,
    )
    expect((await db.children.get(ALMA.id))?.lastName).toBe(ALMA.lastName)
  })
})
