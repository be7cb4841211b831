/**
 * Seeds the demo setting on first run, so the app can be tried with nothing set up. It is
 * marked as demo everywhere it shows: the setting is "Demo Nursery (sample data)" with
 * `isDemo`, every name is synthetic, and the PINs are the documented demo ones (demoRoster.ts).
 *
 * Invariants:
 * - Seeds only an empty database (no setting row), in one transaction: all or nothing, and
 *   two tabs starting at once cannot both seed.
 * - Writes NO outbox entries: the demo is local sample data, and the server seeds its own
 *   copy from the same fixed ids later. Sending it would fill the server with fake children.
 * - Dates are relative to `now`, so "review overdue" and "review due soon" stay true.
 */
import type { Iso } from '../policy/index.ts'
import { appendAudit } from './auditLog.ts'
import type { ConsentLensDb } from './ConsentLensDb.ts'
import { demoConsents, demoInjuries } from '../demo/demoConsents.ts'
import {
  DEMO_DEVICE_ID,
  DEMO_LOCATIONS,
  DEMO_PIN_SALTS,
  DEMO_ROOMS,
  DEMO_SETTING_ID,
  DEMO_SETTING_NAME,
  DEMO_STAFF,
  demoChildren,
} from '../demo/demoRoster.ts'
import { hashPin, PIN_ITERATIONS } from './pinHash.ts'
import { FRESH_LOCKOUT_STATE } from '../policy/index.ts'
import { DEFAULT_IDLE_LOCK_MINUTES, type PinHash, type StaffRecord } from '../model/records.ts'

const TABLES = [
  'setting',
  'rooms',
  'locations',
  'children',
  'consents',
  'injuries',
  'staff',
  'device',
  'audit',
] as const

/**
 * Makes a demo person's PIN verifier from their published PIN and the demo's fixed salt:
 * PBKDF2 at full strength. Tests pass the same verifiers from a table
 * (tests/support/testSigners.ts, checked against this), which spares every seeded test
 * database four 210,000-iteration hashes.
 */
export type DemoPinVerifier = (
  staffId: string,
  pin: string,
  saltB64: string | undefined,
) => Promise<PinHash>

const hashDemoPin: DemoPinVerifier = (_staffId, pin, saltB64) =>
  hashPin(pin, PIN_ITERATIONS, saltB64)

async function demoStaffRecords(demoPin: DemoPinVerifier): Promise<StaffRecord[]> {
  // Hashed before the transaction: IndexedDB would commit one that waits on WebCrypto.
  return Promise.all(
    Object.values(DEMO_STAFF).map(async ({ pin, ...person }) => ({
      ...person,
      pin: await demoPin(person.id, pin, DEMO_PIN_SALTS[person.id]),
      ...FRESH_LOCKOUT_STATE,
      active: true,
    })),
  )
}

/** Seeds the demo if the database is empty; true if it did. */
export async function seedDemoIfEmpty(
  db: ConsentLensDb,
  now: Iso,
  demoPin: DemoPinVerifier = hashDemoPin,
): Promise<boolean> {
  if ((await db.setting.count()) > 0) return false
  const staff = await demoStaffRecords(demoPin)
  return db.transaction('rw', [...TABLES], async () => {
    if ((await db.setting.count()) > 0) return false
    await db.setting.add({
      id: DEMO_SETTING_ID,
      name: DEMO_SETTING_NAME,
      isDemo: true,
      idleLockMinutes: DEFAULT_IDLE_LOCK_MINUTES,
      defaultPurposes: ['learning_journey'],
    })
    await db.device.add({
      id: DEMO_DEVICE_ID,
      settingId: DEMO_SETTING_ID,
      enrolled: true,
      revoked: false,
      enrolledAt: now,
      consentDataSyncedAt: now,
    })
    await db.rooms.bulkAdd(DEMO_ROOMS)
    await db.locations.bulkAdd(DEMO_LOCATIONS)
    await db.staff.bulkAdd(staff)
    await db.children.bulkAdd(demoChildren(now))
    await db.consents.bulkAdd(demoConsents(now))
    await db.injuries.bulkAdd(demoInjuries(now))
    const details = { settingId: DEMO_SETTING_ID }
    await appendAudit(db, { at: now, staffId: null, type: 'demo-seeded', details })
    return true
  })
}
