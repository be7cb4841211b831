/**
 * Reading and writing the server's copy of each device's audit chain (tables device_audit,
 * device_audit_flagged, audit_chain_problems; see migrations.ts 0002).
 *
 * Invariants:
 * - device_audit holds the first copy of each (device, seq) that arrived; nothing in it is
 *   ever updated or deleted. A later, different copy goes to device_audit_flagged.
 * - A chain problem is recorded once per device, seq and kind, however often it is sent.
 */
import type { Kysely, Selectable } from 'kysely'
import type { SealedEvent } from '../../audit/index.ts'
import type { AuditEventWire, ChainHead } from '../../protocol/index.ts'
import type { AuthenticatedDevice } from '../auth/deviceAuth.ts'
import type { Database, DeviceAuditTable } from '../storage/schema.ts'

export type StoredAuditRow = Selectable<DeviceAuditTable>

export function eventOf(row: StoredAuditRow): SealedEvent {
  return {
    id: row.id,
    deviceId: row.device_id,
    seq: row.seq,
    at: row.at,
    staffId: row.staff_id,
    type: row.type,
    details: JSON.parse(row.details) as SealedEvent['details'],
    prevHash: row.prev_hash,
    hash: row.hash,
  }
}

/** The last event the server holds for the device; null before the first. */
export async function chainHead(
  db: Kysely<Database>,
  device: AuthenticatedDevice,
): Promise<ChainHead | null> {
  const row = await db
    .selectFrom('device_audit')
    .select(['seq', 'hash'])
    .where('setting_id', '=', device.settingId)
    .where('device_id', '=', device.id)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row ?? null
}

export async function storedEvents(
  db: Kysely<Database>,
  device: AuthenticatedDevice,
  seqs: readonly number[],
): Promise<Map<number, SealedEvent>> {
  if (seqs.length === 0) return new Map()
  const rows = await db
    .selectFrom('device_audit')
    .selectAll()
    .where('setting_id', '=', device.settingId)
    .where('device_id', '=', device.id)
    .where('seq', 'in', [...seqs])
    .execute()
  return new Map(rows.map((row) => [row.seq, eventOf(row)]))
}

export async function insertChainEvent(
  db: Kysely<Database>,
  device: AuthenticatedDevice,
  event: AuditEventWire,
  problem: string | null,
  now: string,
): Promise<void> {
  await db
    .insertInto('device_audit')
    .values({
      setting_id: device.settingId,
      device_id: device.id,
      seq: event.seq,
      id: event.id,
      at: event.at,
      staff_id: event.staffId,
      type: event.type,
      details: JSON.stringify(event.details),
      prev_hash: event.prevHash,
      hash: event.hash,
      received_at: now,
      problem,
    })
    .execute()
}

/** Keeps an arrival that has no place in the chain, as it arrived. */
export async function insertFlagged(
  db: Kysely<Database>,
  device: AuthenticatedDevice,
  event: AuditEventWire,
  problem: string,
  now: string,
): Promise<void> {
  await db
    .insertInto('device_audit_flagged')
    .values({
      id: globalThis.crypto.randomUUID(),
      setting_id: device.settingId,
      device_id: device.id,
      seq: event.seq,
      event: JSON.stringify(event),
      problem,
      received_at: now,
    })
    .execute()
}

/** Records a problem unless the same one is known; true if it is new. */
export async function recordChainProblem(
  db: Kysely<Database>,
  device: AuthenticatedDevice,
  problem: { code: string; seq: number; message: string },
  now: string,
): Promise<boolean> {
  const known = await db
    .selectFrom('audit_chain_problems')
    .select('seq')
    .where('setting_id', '=', device.settingId)
    .where('device_id', '=', device.id)
    .where('seq', '=', problem.seq)
    .where('code', '=', problem.code)
    .executeTakeFirst()
  if (known !== undefined) return false
  await db
    .insertInto('audit_chain_problems')
    .values({
      setting_id: device.settingId,
      device_id: device.id,
      seq: problem.seq,
      code: problem.code,
      message: problem.message,
      detected_at: now,
    })
    .execute()
  return true
}
