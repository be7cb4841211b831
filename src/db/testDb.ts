/**
 * For tests only: a database with a unique name, so tests never share state, and a small
 * setting to act in (a manager, a keyworker, a practitioner, a student; one room; two
 * children). Written straight to the tables: what is tested is what comes after.
 */
import { openDb, type ConsentLensDb } from './ConsentLensDb.ts'
import type { Child, StaffRecord } from './records.ts'

export const T0 = '2026-05-01T09:00:00.000Z'

let counter = 0

export function freshDb(): ConsentLensDb {
  counter += 1
  return openDb(`test-${String(counter)}-${globalThis.crypto.randomUUID()}`)
}

function person(id: string, role: StaffRecord['role'], canCapture: boolean): StaffRecord {
  return {
    id,
    name: `${id} person`,
    role,
    canCapture,
    roomId: 'room-1',
    pin: null,
    failedAttempts: 0,
    lockedUntil: null,
    lockouts: 0,
    active: true,
  }
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
  await db.staff.bulkAdd([MANAGER, KEYWORKER, PRACTITIONER, STUDENT])
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
