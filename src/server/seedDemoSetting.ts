/**
 * Seeds the demo setting on the server's first start: the same fixed ids and data as the
 * device's demo (src/demo), so an iPad enrolled into it sees the children it already knows.
 * Marked `isDemo` everywhere; every name is synthetic, the PINs are the documented demo ones.
 *
 * Invariants: seeds only when the demo setting is absent, all in one transaction; PIN
 * verifiers are made here (salted PBKDF2, v2), the clear PINs are only the published demo
 * ones, with the demo's fixed salts so a tablet's local demo signs with the same keys.
 */
import type { Kysely } from 'kysely'
import {
  DEMO_LOCATIONS,
  DEMO_PIN_SALTS,
  DEMO_ROOMS,
  DEMO_SETTING_ID,
  DEMO_SETTING_NAME,
  DEMO_STAFF,
  demoChildren,
  demoConsents,
  demoInjuries,
} from '../demo/index.ts'
import type { PinHashWire, SettingWire, StaffPinWire, StaffWire } from '../protocol/index.ts'
import { hashPinForDevices, SERVER_PIN_ITERATIONS } from './auth/pinVerifier.ts'
import { putEntity, type EntityKind } from './storage/entities.ts'
import type { Database } from './storage/schema.ts'

/** A demo person's verifier from their published PIN and fixed salt; tests pass a table's. */
export type DemoPinVerifier = (
  staffId: string,
  pin: string,
  saltB64: string | undefined,
) => Promise<PinHashWire>

const hashDemoPin: DemoPinVerifier = (_staffId, pin, saltB64) =>
  hashPinForDevices(pin, SERVER_PIN_ITERATIONS, saltB64)

export async function seedDemoSetting(
  db: Kysely<Database>,
  now: Date,
  demoPin: DemoPinVerifier = hashDemoPin,
): Promise<boolean> {
  const exists = await db
    .selectFrom('settings')
    .select('id')
    .where('id', '=', DEMO_SETTING_ID)
    .executeTakeFirst()
  if (exists !== undefined) return false
  const at = now.toISOString()
  const people = Object.values(DEMO_STAFF)
  const pins: StaffPinWire[] = await Promise.all(
    people.map(async (p) => ({
      id: p.id,
      pin: await demoPin(p.id, p.pin, DEMO_PIN_SALTS[p.id]),
    })),
  )
  const staff: StaffWire[] = people.map(({ pin: _pin, ...p }) => ({ ...p, active: true }))
  const setting: SettingWire = {
    id: DEMO_SETTING_ID,
    name: DEMO_SETTING_NAME,
    isDemo: true,
    idleLockMinutes: 5,
    defaultPurposes: ['learning_journey'],
  }
  const records: [EntityKind, { id: string }[]][] = [
    ['setting', [setting]],
    ['room', DEMO_ROOMS],
    ['location', DEMO_LOCATIONS],
    ['staff', staff],
    ['staffPin', pins],
    ['child', demoChildren(at)],
    ['consent', demoConsents(at)],
    ['injury', demoInjuries(at)],
  ]
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('settings')
      .values({
        id: DEMO_SETTING_ID,
        name: DEMO_SETTING_NAME,
        is_demo: 1,
        last_seq: 0,
        created_at: at,
      })
      .execute()
    for (const [kind, rows] of records) {
      for (const row of rows) await putEntity(trx, DEMO_SETTING_ID, kind, row.id, row, at)
    }
  })
  return true
}
