/**
 * A member of staff as the SERVER knows them: their record and the public key of their
 * current PIN (scheme v2). Everything that checks a person's proof reads it here, never from
 * what a tablet says (docs/decisions/0016-a-change-carries-its-author-s-proof.md).
 *
 * Invariant: only an active member of staff of the setting is returned; `publicKeyHex` is null
 * when the server holds no PIN for them or only a v1 one, which proves nothing.
 */
import type { Kysely } from 'kysely'
import {
  PIN_SCHEME_SPLIT,
  StaffPinWireSchema,
  StaffWireSchema,
  type StaffWire,
} from '../../protocol/index.ts'
import { getEntity } from '../storage/entities.ts'
import type { Database } from '../storage/schema.ts'

export interface KnownStaff {
  staff: StaffWire
  publicKeyHex: string | null
}

export async function knownStaff(
  db: Kysely<Database>,
  settingId: string,
  staffId: string,
): Promise<KnownStaff | null> {
  return knownStaffFrom((kind, id) => getEntity(db, settingId, kind, id), staffId)
}

/** `knownStaff` read through another view of the records (a push's: ingest/pushRecords.ts). */
export async function knownStaffFrom(
  read: (kind: 'staff' | 'staffPin', id: string) => Promise<unknown>,
  staffId: string,
): Promise<KnownStaff | null> {
  const staff = StaffWireSchema.safeParse(await read('staff', staffId))
  if (!staff.success || !staff.data.active) return null
  const pin = StaffPinWireSchema.safeParse(await read('staffPin', staffId))
  const publicKeyHex =
    pin.success && pin.data.pin.scheme === PIN_SCHEME_SPLIT
      ? (pin.data.pin.publicKeyHex ?? null)
      : null
  return { staff: staff.data, publicKeyHex }
}
