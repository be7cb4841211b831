/**
 * The server's own record of what devices and managers did: enrolments, revocations,
 * quarantines, refused changes. Append-only; details never hold a secret or a PIN.
 */
import type { Insertable, Kysely } from 'kysely'
import type { AuditTable, Database } from './storage/schema.ts'

export interface ServerAuditEvent {
  settingId: string
  at: string
  deviceId: string | null
  staffId: string | null
  type: string
  details: Record<string, unknown>
}

export async function appendServerAudit(
  db: Kysely<Database>,
  event: ServerAuditEvent,
): Promise<void> {
  await db.insertInto('server_audit').values(serverAuditRow(event)).execute()
}

/** The row an event is stored as (a push writes its refusals' rows together: pushRecords.ts). */
export function serverAuditRow(event: ServerAuditEvent): Insertable<AuditTable> {
  return {
    id: globalThis.crypto.randomUUID(),
    setting_id: event.settingId,
    at: event.at,
    device_id: event.deviceId,
    staff_id: event.staffId,
    type: event.type,
    details: JSON.stringify(event.details),
  }
}
