/**
 * For tests: audit events sealed the way a tablet seals them (src/audit sealEvent), so a test
 * can send a device's chain to the server, or break it on purpose first.
 */
import { GENESIS_HASH, sealEvent, type SealedEvent } from '../../src/audit/index.ts'

export type Details = SealedEvent['details']

/** `count` events continuing a device's chain after `from` (default: its start). */
export function sealedChain(
  deviceId: string,
  count: number,
  from: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH },
  event: (seq: number) => { type: string; details: Details; at?: string } = () => ({
    type: 'signed-in',
    details: {},
  }),
): SealedEvent[] {
  const events: SealedEvent[] = []
  let previous = from
  for (let seq = from.seq + 1; seq <= from.seq + count; seq++) {
    const { type, details, at } = event(seq)
    const unsealed = {
      id: globalThis.crypto.randomUUID(),
      deviceId,
      seq,
      at: at ?? new Date().toISOString(),
      staffId: 'demo-staff-practitioner',
      type,
      details,
    }
    const sealed = sealEvent(unsealed, previous.hash)
    events.push(sealed)
    previous = { seq, hash: sealed.hash }
  }
  return events
}

export function headOf(events: readonly SealedEvent[]): { seq: number; hash: string } {
  const last = events.at(-1)
  if (last === undefined) throw new Error('no events')
  return { seq: last.seq, hash: last.hash }
}
