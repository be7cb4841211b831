// The tablet's end of live changes: an event that carries the records that took consent away
// has them applied before the round it asks for; data that is not ours is ignored, and the
// round is still asked for.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ConsentLensDb } from '../db/index.ts'
import type { ConsentWire } from '../protocol/index.ts'
import { ALMA, MANAGER, MOTHER, smallSetting } from '../../tests/support/testDb.ts'
import { openLiveSignal, type LiveSignal } from './liveSignal.ts'
import { openSyncState } from './syncStateDb.ts'
import type { Timers } from './timers.ts'

const timers: Timers = {
  setTimeout: () => 0,
  clearTimeout: () => undefined,
  setInterval: () => 0,
  clearInterval: () => undefined,
}

const WITHDRAWAL: ConsentWire = {
  id: 'consent-withdrawn-1',
  childId: ALMA.id,
  purpose: 'display',
  status: 'withdrawn',
  givenBy: MOTHER,
  recordedAt: '2026-11-29T09:00:00.000Z',
  recordedBy: MANAGER.id,
  reviewDue: null,
  supersedes: null,
}

let db: ConsentLensDb
let signal: LiveSignal | null = null
beforeEach(async () => {
  db = await smallSetting()
  const state = openSyncState(db.name)
  await state.state.put({
    key: 'enrolment',
    serverUrl: 'https://server.test',
    deviceId: 'device-1',
    settingId: 'setting-1',
    credential: 'credential',
    cursor: 10,
    thumbnailRetentionHours: null,
  })
  state.close()
})
afterEach(async () => {
  signal?.close()
  signal = null
  await db.delete()
})

/** A live stream whose text the test writes; `fetch` answers the signal's request with it. */
function stream() {
  let controller!: ReadableStreamDefaultController<Uint8Array>
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c
    },
  })
  const encoder = new TextEncoder()
  return {
    fetch: () => Promise.resolve(new Response(body, { status: 200 })),
    send: (text: string) => {
      controller.enqueue(encoder.encode(text))
    },
  }
}

/** The tablet's end of `live`, calling `onChange` for each round it asks for. */
function listen(live: ReturnType<typeof stream>, onChange: () => void): LiveSignal {
  return openLiveSignal({ db, fetch: live.fetch, timers, random: () => 0.5, onChange })
}

describe('live signal', () => {
  it('applies the records an event carries before it asks for a round', async () => {
    const live = stream()
    const seen: string[][] = []
    signal = listen(live, () => {
      void db.consents.toArray().then((rows) => seen.push(rows.map((r) => r.id)))
    })
    const data = JSON.stringify({
      restrictions: [{ seq: 42, kind: 'consent', payload: WITHDRAWAL }],
    })
    live.send(`: open\n\nevent: changed\ndata: ${data}\n\n`)
    await expect.poll(() => seen.length).toBe(1)
    expect(seen[0]).toContain(WITHDRAWAL.id)
    expect(await db.consents.get(WITHDRAWAL.id)).toMatchObject({ status: 'withdrawn' })
  })

  it('ignores data that is not a list of such records, and still asks for a round', async () => {
    const live = stream()
    let rounds = 0
    signal = listen(live, () => {
      rounds += 1
    })
    const before = await db.consents.count()
    const granted = { ...WITHDRAWAL, id: 'consent-granted-1', status: 'granted' }
    const refused = [
      'not json',
      '{}',
      JSON.stringify({ restrictions: [{ seq: 1 }] }),
      JSON.stringify({ restrictions: [{ seq: 2, kind: 'child', payload: ALMA }] }),
      // A grant is not applied ahead of the records before it: the round brings it in order.
      JSON.stringify({ restrictions: [{ seq: 3, kind: 'consent', payload: granted }] }),
    ]
    for (const data of refused) live.send(`event: changed\ndata: ${data}\n\n`)
    live.send(`event: changed\n\n`)
    await expect.poll(() => rounds).toBe(refused.length + 1)
    expect(await db.consents.count()).toBe(before)
  })
})
