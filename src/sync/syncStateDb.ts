/**
 * What the sync client keeps for itself, in a small database beside the app's (its name is the
 * app database's name plus "-sync"): the server, this device's credential and the pull cursor.
 * Kept apart so the sync layer never needs a new version of the app's schema.
 *
 * Invariants:
 * - One row, key "enrolment"; no row means the device is not enrolled.
 * - The cursor is saved after the changes it covers were applied; if the app stops between
 *   the two, the next pull applies those changes again, which is harmless (whole entities).
 * - A revoked device deletes this row with the rest of its data.
 * - `auditAck` is the last audit event the server said it holds (seq and hash); audit push
 *   sends only what comes after it. Absent: nothing acknowledged yet.
 */
import { Dexie, type Table } from 'dexie'

export interface Enrolment {
  key: 'enrolment'
  serverUrl: string
  deviceId: string
  settingId: string
  credential: string
  cursor: number
  /** From the server's last pull; null: thumbnails stay until the end of their day. */
  thumbnailRetentionHours: number | null
  /** The server's acknowledged head of this device's audit chain (pushAudit.ts). */
  auditAck?: { seq: number; hash: string } | null
}

export class SyncStateDb extends Dexie {
  declare state: Table<Enrolment, string>

  constructor(name: string) {
    super(name)
    this.version(1).stores({ state: 'key' })
  }
}

export function openSyncState(appDbName: string): SyncStateDb {
  return new SyncStateDb(`${appDbName}-sync`)
}

export async function getEnrolment(state: SyncStateDb): Promise<Enrolment | null> {
  return (await state.state.get('enrolment')) ?? null
}
