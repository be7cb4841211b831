import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { eventHash, GENESIS_HASH, sealEvent, sha256Hex, type SealedEvent } from './hashChain.ts'
import { verifyChain } from './verifyChain.ts'

function chain(length: number, deviceId = 'tablet-1'): SealedEvent[] {
  const events: SealedEvent[] = []
  for (let seq = 1; seq <= length; seq++) {
    const unsealed = {
      id: `e${seq}`,
      deviceId,
      seq,
      at: `2026-05-01T09:${String(seq % 60).padStart(2, '0')}:00.000Z`,
      staffId: seq % 3 === 0 ? null : 'manager',
      type: seq % 2 === 0 ? 'photo-saved' : 'signed-in',
      details: { n: seq, childIds: ['a', 'b'] },
    }
    events.push(sealEvent(unsealed, events.at(-1)?.hash ?? GENESIS_HASH))
  }
  return events
}

describe('the hash chain', () => {
  it('hashes SHA-256 in hex (a known answer)', () => {
    expect(sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    )
  })

  it('links each event to the one before, from the genesis hash', () => {
    const events = chain(3)
    expect(events[0]?.prevHash).toBe(GENESIS_HASH)
    expect(events[1]?.prevHash).toBe(events[0]?.hash)
    expect(events.every((e) => eventHash(e) === e.hash)).toBe(true)
  })

  it('does not depend on the order the details were written in', () => {
    const a = sealEvent({ ...chain(1)[0]!, details: { x: 1, y: 2 } }, GENESIS_HASH)
    const b = sealEvent({ ...chain(1)[0]!, details: { y: 2, x: 1 } }, GENESIS_HASH)
    expect(a.hash).toBe(b.hash)
  })
})

describe('verifyChain', () => {
  it('accepts an intact chain and reports its head', () => {
    const events = chain(5)
    expect(verifyChain(events)).toEqual({
      ok: true,
      count: 5,
      head: { seq: 5, hash: events[4]?.hash },
    })
    expect(verifyChain([])).toEqual({ ok: true, count: 0, head: null })
  })

  it.each([
    [
      'edited details',
      (e: SealedEvent[]) => e.with(2, { ...e[2]!, details: { n: 99 } }),
      'edited',
      3,
    ],
    ['edited time', (e: SealedEvent[]) => e.with(1, { ...e[1]!, at: 'x' }), 'edited', 2],
    ['removed', (e: SealedEvent[]) => e.toSpliced(2, 1), 'removed', 3],
    ['two removed', (e: SealedEvent[]) => e.toSpliced(1, 2), 'removed', 2],
    ['reordered', (e: SealedEvent[]) => e.with(1, e[2]!).with(2, e[1]!), 'reordered', 2],
    ['inserted copy', (e: SealedEvent[]) => e.toSpliced(2, 0, e[1]!), 'inserted', 2],
    [
      'wrong device',
      (e: SealedEvent[]) => e.with(3, { ...e[3]!, deviceId: 'other' }),
      'wrong-device',
      4,
    ],
  ])('finds the first problem: %s', (_name, tamper, code, seq) => {
    const verdict = verifyChain(tamper(chain(6)))
    expect(verdict).toMatchObject({ ok: false, problem: { code, seq } })
  })

  it('finds an event that was rewritten and re-hashed, by the link from the next one', () => {
    const events = chain(4)
    const forged = sealEvent({ ...events[1]!, details: { n: 0 } }, events[0]!.hash)
    const verdict = verifyChain(events.with(1, forged))
    expect(verdict).toMatchObject({ ok: false, problem: { code: 'edited', seq: 2 } })
  })

  it('finds events cut off the end only against a head known from elsewhere', () => {
    const events = chain(5)
    const head = { seq: 5, hash: events[4]!.hash }
    expect(verifyChain(events.slice(0, 3)).ok).toBe(true)
    expect(verifyChain(events.slice(0, 3), { head })).toMatchObject({
      ok: false,
      problem: { code: 'truncated', seq: 4 },
    })
    expect(verifyChain(events, { head }).ok).toBe(true)
  })

  it('verifies a continuation from a known event', () => {
    const events = chain(6)
    const from = { seq: 3, hash: events[2]!.hash }
    expect(verifyChain(events.slice(3), { from }).ok).toBe(true)
    expect(verifyChain(events.slice(4), { from }).ok).toBe(false)
  })

  it('detects any single edit, removal or swap anywhere in the chain (property)', () => {
    const tamper = fc.oneof(
      fc.record({ kind: fc.constant('edit' as const), value: fc.oneof(fc.string(), fc.integer()) }),
      fc.record({ kind: fc.constant('remove' as const) }),
      fc.record({ kind: fc.constant('swap' as const) }),
    )
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 25 }), fc.nat(), tamper, (length, pick, change) => {
        const events = chain(length)
        const head = { seq: length, hash: events[length - 1]!.hash }
        const i = pick % length
        const j = (i + 1) % length
        const tampered =
          change.kind === 'remove'
            ? events.toSpliced(i, 1)
            : change.kind === 'swap'
              ? events.with(i, events[j]!).with(j, events[i]!)
              : events.with(i, {
                  ...events[i]!,
                  details: { ...events[i]!.details, x: change.value },
                })
        expect(verifyChain(tampered, { head }).ok).toBe(false)
      }),
    )
  })
})
