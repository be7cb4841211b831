/**
 * The device's audit log: who did what, when, on this device. Events are written in the same
 * transaction as the change they describe.
 *
 * Invariants:
 * - Append-only: an event is never edited or deleted.
 * - Ordered by a per-device sequence number (`seq`, 1, 2, 3 … for each device id), assigned
 *   inside the writing transaction, so there are no gaps and no ties. The order never depends
 *   on clocks.
 * - Sealed in that order into a SHA-256 hash chain per device (src/audit/hashChain.ts): each
 *   event carries the previous event's hash and its own, computed synchronously inside the
 *   same transaction, so an edited, removed or reordered event shows (src/audit verifyChain).
 * - Details are plain JSON, so the log can be exported and hashed as it is.
 */
import { GENESIS_HASH, sealEvent } from '../audit/hashChain.ts'
import type { Iso } from '../policy/index.ts'
import type { Dexie, EntityTable } from 'dexie'
import { newId, type NewId } from './newId.ts'
import type { Device } from '../model/records.ts'
import { assertInTransaction } from './transaction.ts'

export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }

export type AuditType =
  | 'demo-seeded'
  | 'consent-recorded'
  | 'consent-withdrawn'
  | 'injury-recorded'
  | 'injury-cleared'
  | 'staff-added'
  | 'staff-authorisation-changed'
  | 'pin-set'
  | 'pin-lockout'
  | 'location-added'
  | 'location-archived'
  | 'roster-imported'
  | 'child-left'
  | 'signed-in'
  | 'locked'
  | 'settings-changed'
  | 'photo-saved'
  | 'capture-blocked'
  | 'capture-tag-removed'
  | 'photo-deleted'
  | 'audit-exported'

export interface AuditEvent {
  id: string
  deviceId: string
  seq: number
  at: Iso
  /** Who acted; null for the system (the demo seed). */
  staffId: string | null
  type: AuditType
  details: { [key: string]: JsonValue }
  /** Hash of this device's previous event (GENESIS_HASH for seq 1). */
  prevHash: string
  /** SHA-256 of prevHash and this event's canonical form, without `hash`. */
  hash: string
}

/** Used before the device is enrolled, so early events still have an order. */
export const UNENROLLED_DEVICE_ID = 'unenrolled'

export interface NewAuditEvent {
  at: Iso
  staffId: string | null
  type: AuditType
  details: { [key: string]: JsonValue }
}

/**
 * The tables the log writes, as ConsentLensDb declares them. Named here, not imported, so the
 * schema can take this file's row types without a circle; ConsentLensDb fits it.
 */
export interface AuditTables extends Dexie {
  audit: EntityTable<AuditEvent, 'id'>
  device: EntityTable<Device, 'id'>
}

/**
 * Appends an event. Call inside the transaction of the change (tables: audit, device).
 * `known`: the device row as the caller read it in this same transaction, which saves reading
 * it again (a round trip to the database in a save that waits for it).
 */
export async function appendAudit(
  db: AuditTables,
  event: NewAuditEvent,
  makeId: NewId = newId,
  known?: { device: Device | undefined },
): Promise<AuditEvent> {
  assertInTransaction(db, ['audit', 'device'])
  const device = known === undefined ? await db.device.toCollection().first() : known.device
  const deviceId = device?.id ?? UNENROLLED_DEVICE_ID
  const last = await db.audit
    .where('[deviceId+seq]')
    .between([deviceId, 0], [deviceId, Infinity])
    .last()
  const unsealed = { ...event, id: makeId(), deviceId, seq: (last?.seq ?? 0) + 1 }
  const stored: AuditEvent = sealEvent(unsealed, last?.hash ?? GENESIS_HASH)
  await db.audit.add(stored)
  return stored
}

/** This device's events in order. */
export async function listAudit(db: AuditTables, deviceId: string): Promise<AuditEvent[]> {
  return db.audit.where('[deviceId+seq]').between([deviceId, 0], [deviceId, Infinity]).toArray()
}
