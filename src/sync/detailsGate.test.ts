// The gate that lets a photo's upload start once the push's answers named all of its details.
import { afterEach, beforeEach, expect, it } from 'vitest'
import type { ConsentLensDb } from '../db/index.ts'
import { smallSetting } from '../../tests/support/testDb.ts'
import { capturePhoto } from '../../tests/support/capturedPhoto.ts'
import { detailsGate } from './detailsGate.ts'

let db: ConsentLensDb
beforeEach(async () => {
  db = await smallSetting()
})
afterEach(async () => {
  await db.delete()
})

/** Whether `promise` has settled by the time the queued callbacks have run. */
async function settled(promise: Promise<void>): Promise<boolean> {
  let done = false
  void promise.then(() => (done = true))
  await new Promise((resolve) => setImmediate(resolve))
  return done
}

it('releases a photo only when every outbox entry of it was answered', async () => {
  const edited = await capturePhoto(db, { deviceId: 'tablet-1', size: 1_000 })
  const other = await capturePhoto(db, { deviceId: 'tablet-1', size: 1_000 })
  const [first, second] = await db.outbox.toArray()
  // A later change of the first photo's details: a second entry for it.
  const { seq: _seq, ...later } = first!
  await db.outbox.add({ ...later, id: 'later-change' })
  const gate = await detailsGate(db)
  expect([gate.pending(edited.meta.id), gate.pending(other.meta.id)]).toEqual([true, true])
  const waiting = gate.changed()
  gate.acknowledged([first!.id, 'not-a-photo-entry'])
  expect(gate.pending(edited.meta.id)).toBe(true)
  expect(await settled(waiting)).toBe(false)
  gate.acknowledged(['later-change', second!.id])
  expect([gate.pending(edited.meta.id), gate.pending(other.meta.id)]).toEqual([false, false])
  expect(await settled(waiting)).toBe(true)
})

it('releases nothing once the push is over, and wakes whoever waits', async () => {
  const photo = await capturePhoto(db, { deviceId: 'tablet-1', size: 1_000 })
  const [entry] = await db.outbox.toArray()
  const gate = await detailsGate(db)
  const waiting = gate.changed()
  gate.end()
  expect(gate.ended).toBe(true)
  expect(await settled(waiting)).toBe(true)
  gate.acknowledged([entry!.id])
  expect(gate.pending(photo.meta.id)).toBe(true)
})
