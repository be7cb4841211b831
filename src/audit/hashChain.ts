/**
 * The seal on each audit event: a SHA-256 hash chain per device. Each event stores the hash of
 * the event before it (`prevHash`; the first event of a device uses GENESIS_HASH) and its own
 * `hash = SHA-256(prevHash + canonicalJson(event without hash))`, in lowercase hex.
 *
 * Invariants:
 * - The hash covers every stored property of the event but `hash` itself (prevHash included),
 *   so nothing in an event can change without the change showing.
 * - Synchronous on purpose: events are sealed inside the IndexedDB transaction of the change
 *   they record, and IndexedDB commits a transaction that awaits anything else (WebCrypto's
 *   digest is asynchronous). @noble/hashes is small, audited and has no platform imports.
 * - The server computes exactly the same (same canonical form, same hash), so it can verify a
 *   device's chain on arrival.
 */
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js'
import { canonicalJson, type JsonValue } from '../protocol/canonicalJson.ts'

/** The hash a device's first event points back to. */
export const GENESIS_HASH = '0'.repeat(64)

/** An audit event as written, before it is sealed. */
export interface UnsealedEvent {
  id: string
  deviceId: string
  seq: number
  at: string
  staffId: string | null
  type: string
  details: { [key: string]: JsonValue }
}

export interface ChainSeal {
  prevHash: string
  hash: string
}

export type SealedEvent = UnsealedEvent & ChainSeal

export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)))
}

/** The hash an event should carry, from everything in it but its own `hash`. */
export function eventHash(event: UnsealedEvent & { prevHash: string }): string {
  // A sealed event may be passed to re-check it: its own hash is never part of the input.
  const rest: Record<string, unknown> = { ...event }
  delete rest.hash
  return sha256Hex(event.prevHash + canonicalJson(rest))
}

/** Seals an event onto the chain whose last hash is `prevHash`. */
export function sealEvent<T extends UnsealedEvent>(event: T, prevHash: string): T & ChainSeal {
  const withPrev = { ...event, prevHash }
  return { ...withPrev, hash: eventHash(withPrev) }
}
