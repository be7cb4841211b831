/**
 * Checks one device's audit chain and names the first thing wrong with it, in words a manager
 * (or an inspector) can act on. Used by the daily audit screen, the manager's alerts, and the
 * server when a device's events arrive.
 *
 * Invariants:
 * - Events are given in stored order (by seq). Seqs must run 1, 2, 3 … (or on from `from`),
 *   every event must carry its own correct hash, and each must point at the hash of the one
 *   before. The first failure is reported; nothing after it is trusted.
 * - A chain cannot show on its own that events were cut off its end: pass `head` (the last
 *   seq and hash seen by the server, or printed on a signed export) to catch that.
 * - Pure: the caller reads the events; this never touches storage or the clock.
 */
import { eventHash, GENESIS_HASH, type SealedEvent } from './hashChain.ts'

export type ChainProblemCode =
  'wrong-device' | 'removed' | 'reordered' | 'inserted' | 'edited' | 'truncated'

export interface ChainProblem {
  code: ChainProblemCode
  /** The seq at which the problem shows (for 'removed': the first missing seq). */
  seq: number
  message: string
}

export type ChainVerdict =
  | { ok: true; count: number; head: { seq: number; hash: string } | null }
  | { ok: false; problem: ChainProblem }

export interface VerifyOptions {
  /** The device the chain belongs to; default: the first event's. */
  deviceId?: string
  /** Verify a continuation: the seq and hash of the event just before the first one given. */
  from?: { seq: number; hash: string }
  /** A head known from elsewhere that must still be in the chain. */
  head?: { seq: number; hash: string }
}

export function verifyChain(
  events: readonly SealedEvent[],
  options: VerifyOptions = {},
): ChainVerdict {
  const deviceId = options.deviceId ?? events[0]?.deviceId
  let previous = options.from ?? { seq: 0, hash: GENESIS_HASH }
  for (let i = 0; i < events.length; i++) {
    const event = events[i]
    if (event === undefined) break
    const problem = checkOne(event, previous, deviceId, events, i)
    if (problem !== null) return { ok: false, problem }
    previous = { seq: event.seq, hash: event.hash }
  }
  const headProblem = checkHead(events, previous, options.head)
  if (headProblem !== null) return { ok: false, problem: headProblem }
  const head = previous.seq === (options.from?.seq ?? 0) ? null : previous
  return { ok: true, count: events.length, head }
}

function checkOne(
  event: SealedEvent,
  previous: { seq: number; hash: string },
  deviceId: string | undefined,
  events: readonly SealedEvent[],
  index: number,
): ChainProblem | null {
  const expected = previous.seq + 1
  if (event.deviceId !== deviceId) {
    return problem('wrong-device', event.seq, `Event ${event.seq} belongs to another tablet.`)
  }
  if (event.seq > expected) {
    const later = events.slice(index + 1).some((e) => e.seq === expected)
    return later
      ? problem('reordered', expected, `Event ${expected} is out of order.`)
      : problem('removed', expected, removedMessage(expected, event.seq))
  }
  if (event.seq < expected) {
    const earlier = events.slice(0, index).some((e) => e.seq === event.seq)
    return earlier
      ? problem('inserted', event.seq, `An extra event ${event.seq} was added to the record.`)
      : problem('reordered', event.seq, `Event ${event.seq} is out of order.`)
  }
  if (eventHash(event) !== event.hash) {
    return problem('edited', event.seq, `Event ${event.seq} was changed after it was written.`)
  }
  if (event.prevHash !== previous.hash) {
    const at = Math.max(previous.seq, 1)
    return problem('edited', at, `Event ${at} was replaced or changed after it was written.`)
  }
  return null
}

function checkHead(
  events: readonly SealedEvent[],
  last: { seq: number },
  head: { seq: number; hash: string } | undefined,
): ChainProblem | null {
  if (head === undefined) return null
  const found = events.find((e) => e.seq === head.seq)
  if (found === undefined && head.seq > last.seq) {
    const message = `Events after ${last.seq} are missing: the record is known to go on to ${head.seq}.`
    return problem('truncated', last.seq + 1, message)
  }
  if (found?.hash !== head.hash) {
    return problem('edited', head.seq, `Event ${head.seq} differs from the copy known elsewhere.`)
  }
  return null
}

function removedMessage(expected: number, found: number): string {
  return found === expected + 1
    ? `Event ${expected} is missing from the record.`
    : `Events ${expected} to ${found - 1} are missing from the record.`
}

function problem(code: ChainProblemCode, seq: number, message: string): ChainProblem {
  return { code, seq, message }
}
