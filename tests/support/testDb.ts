/**
 * For tests only: a database with a unique name, so tests never share state, and a small
 * setting to act in (a manager, a keyworker, a practitioner, a student; one room; two
 * children). Written straight to the tables: what is tested is what comes after.
 *
 * Each person has a v2 PIN verifier made from a fixed master (no PBKDF2: these PINs are never
 * typed) and carries the signing seed a sign-in would give (`signingSeed`), so they can be
 * passed as the actor of a change, as a signed-in session would be. `smallSetting` stores them
 * without it: a seed is never stored.
 */
import { sha256 } from '@noble/hashes/sha2.js'
import { utf8ToBytes } from '@noble/hashes/utils.js'
import { PIN_SCHEME_SPLIT, splitPinMaster } from '../../src/protocol/index.ts'
import { openDb, type ConsentLensDb } from '../../src/db/ConsentLensDb.ts'
import type { Child, PinHash, StaffRecord } from '../../src/model/records.ts'

export const T0 = '2026-05-01T09:00:00.000Z'

let counter = 0
const opened = new Set<ConsentLensDb>()

export function freshDb(): ConsentLensDb {
  counter += 1
  const db = openDb(`test-${String(counter)}-${globalThis.crypto.randomUUID()}`)
  opened.add(db)
  return db
}

/**
 * Deletes every database freshDb made so far. tests/setup/unit.ts calls it when a test file
 * ends: files share their worker's fake IndexedDB, which would otherwise hold every test's data
 * until the run ends.
 */
export async function deleteTestDbs(): Promise<void> {
  const dbs = [...opened]
  opened.clear()
  await Promise.all(dbs.map((db) => db.delete()))
}

/** A person of the test setting, with the seed their session would hold. */
export type TestStaff = StaffRecord & { signingSeed: Uint8Array }

function b64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
}

/** A v2 verifier and seed for `id`, from a fixed master (tests only). */
export function testPin(id: string): { pin: PinHash; signingSeed: Uint8Array } {
  const { verifier, signingSeed, publicKeyHex } = splitPinMaster(sha256(utf8ToBytes(`test/${id}`)))
  const saltB64 = b64(sha256(utf8ToBytes(`salt/${id}`)).slice(0, 16))
  const pin = { saltB64, hashB64: b64(verifier), iterations: 210_000 }
  return { pin: { ...pin, scheme: PIN_SCHEME_SPLIT, publicKeyHex }, signingSeed }
}

function person(id: string, role: StaffRecord['role'], canCapture: boolean): TestStaff {
  const { pin, signingSeed } = testPin(id)
  return {
    id,
    name: `${id} person`,
    role,
    canCapture,
    roomId: 'room-1',
    pin,
    failedAttempts: 0,
    lockedUntil: null,
    lockouts: 0,
    active: true,
    signingSeed,
  }
}

/** The record as stored: without the session's seed. */
export function stored(person: TestStaff): StaffRecord {
  const { signingSeed: _seed, ...record } = person
  return record
}

export const MANAGER = person('manager', 'manager', true)
export const KEYWORKER = person('keyworker', 'keyworker', true)
export const PRACTITIONER = person('practitioner', 'practitioner', true)
export const STUDENT = person('student', 'student', false)

function child(id: string, firstName: string): Child {
  return {
    id,
    firstName,
    lastName: 'Tester',
    roomId: 'room-1',
    keyworkerId: KEYWORKER.id,
    dateOfBirth: '2023-06-01',
    leavingDate: null,
  }
}

export const ALMA = child('child-alma', 'Alma')
export const BODHI = { ...child('child-bodhi', 'Bodhi'), keyworkerId: MANAGER.id }

export async function smallSetting(): Promise<ConsentLensDb> {
  const db = freshDb()
  await db.rooms.add({ id: 'room-1', name: 'Ladybirds', ageRange: '2–3 years' })
  await db.staff.bulkAdd([MANAGER, KEYWORKER, PRACTITIONER, STUDENT].map(stored))
  await db.children.bulkAdd([ALMA, BODHI])
  await db.device.add({
    id: 'device-1',
    settingId: 'setting-1',
    enrolled: true,
    revoked: false,
    enrolledAt: T0,
    consentDataSyncedAt: T0,
  })
  return db
}

export const MOTHER = { name: 'Rosa Tester', relationship: 'mother', parentalResponsibility: true }
export const GRANDAD = {
  name: 'Ted Tester',
  relationship: 'grandfather',
  parentalResponsibility: false,
}
