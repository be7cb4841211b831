/**
 * The demo setting's people and places: synthetic names, clearly sample data. Ids are fixed so
 * tests, the UI's tour and the server's own demo copy (src/server/seedDemoSetting.ts) refer
 * to the same children. Pure, so both the device (src/db) and the server may import it.
 *
 * Demo PINs (printed on the demo sign-in screen; never use these for real staff):
 *   manager 1234, keyworker 2345, practitioner 3456, student 4567 (not authorised to take photos)
 */
import { addCalendarMonthsMs, type Iso, type StaffRole } from '../policy/index.ts'
import type {
  ChildWire as Child,
  LocationWire as Location,
  RoomWire as Room,
} from '../protocol/index.ts'

export const DEMO_SETTING_ID = 'demo-setting'
export const DEMO_SETTING_NAME = 'Demo Nursery (sample data)'
export const DEMO_DEVICE_ID = 'demo-device'

export const CATERPILLARS = 'demo-room-caterpillars'
export const BUTTERFLIES = 'demo-room-butterflies'

export const DEMO_ROOMS: Room[] = [
  { id: CATERPILLARS, name: 'Caterpillars', ageRange: '2–3 years' },
  { id: BUTTERFLIES, name: 'Butterflies', ageRange: '3–4 years' },
]

function place(id: string, name: string, kind: Location['kind'], roomId: string | null = null) {
  const location: Location = { id: `demo-loc-${id}`, name, kind, roomId, archived: false }
  return location
}

export const DEMO_LOCATIONS: Location[] = [
  place('caterpillars', 'Caterpillars room', 'room', CATERPILLARS),
  place('butterflies', 'Butterflies room', 'room', BUTTERFLIES),
  place('garden', 'Garden', 'garden'),
  place('outing', 'Outing', 'outing'),
  place('sleep', 'Sleep room', 'sleep'),
  place('toilets', 'Toilets', 'toilet'),
  place('changing', 'Nappy changing', 'changing'),
]

export interface DemoStaff {
  id: string
  name: string
  role: StaffRole
  roomId: string | null
  canCapture: boolean
  pin: string
}

export const DEMO_STAFF = {
  manager: {
    id: 'demo-staff-manager',
    name: 'Morgan Ellery',
    role: 'manager',
    roomId: null,
    canCapture: true,
    pin: '1234',
  },
  keyworker: {
    id: 'demo-staff-keyworker',
    name: 'Priya Shah',
    role: 'keyworker',
    roomId: CATERPILLARS,
    canCapture: true,
    pin: '2345',
  },
  practitioner: {
    id: 'demo-staff-practitioner',
    name: 'Sam Okafor',
    role: 'practitioner',
    roomId: BUTTERFLIES,
    canCapture: true,
    pin: '3456',
  },
  student: {
    id: 'demo-staff-student',
    name: 'Jo Lindqvist',
    role: 'student',
    roomId: BUTTERFLIES,
    canCapture: false,
    pin: '4567',
  },
} as const satisfies Record<string, DemoStaff>

/**
 * The demo PINs' salts, fixed (base64 of 16 bytes) so that the tablet's local demo and the
 * server's demo copy derive the same verifier and signing key from the same published PIN:
 * what someone does in the demo can then be proved to the server's demo setting
 * (docs/decisions/0016-a-change-carries-its-author-s-proof.md). Real PINs get random salts.
 */
export const DEMO_PIN_SALTS: Record<string, string> = {
  'demo-staff-manager': 'EV/tVWeQ1vqXxZsOOxYh4g==',
  'demo-staff-keyworker': 'BoBBnTlgBAsDlucuut4Apg==',
  'demo-staff-practitioner': '5F5PV0MUvUy2JlwvApqgHg==',
  'demo-staff-student': 'gRfqvaENBtGT7JJZ3VTPNQ==',
}

/** One child per consent situation of docs/RULES.md, plus ordinary ones around them. */
export const SHOWCASE_KEYS = [
  'allGranted',
  'groupPhotoRefused',
  'learningJourneyWithdrawn',
  'reviewOverdue',
  'grandparentConsent',
  'injured',
  'noConsent',
  'concurrentEdits',
  'websiteSocialRefused',
  'publicSocialRefused',
  'reviewDueSoon',
] as const
export const ORDINARY_KEYS = [
  'ordinary1',
  'ordinary2',
  'ordinary3',
  'ordinary4',
  'ordinary5',
  'ordinary6',
  'ordinary7',
] as const

export type ShowcaseKey = (typeof SHOWCASE_KEYS)[number]
export type DemoChildKey = ShowcaseKey | (typeof ORDINARY_KEYS)[number]
export const DEMO_CHILD_KEYS: readonly DemoChildKey[] = [...SHOWCASE_KEYS, ...ORDINARY_KEYS]

interface DemoChildSpec {
  firstName: string
  lastName: string
  roomId: string
  /** Age at `now`, in months. */
  ageMonths: number
}

const C = CATERPILLARS
const B = BUTTERFLIES

const SPECS: Record<DemoChildKey, DemoChildSpec> = {
  allGranted: { firstName: 'Ava', lastName: 'Appleby', roomId: C, ageMonths: 30 },
  groupPhotoRefused: { firstName: 'Noah', lastName: 'Birchwood', roomId: C, ageMonths: 27 },
  learningJourneyWithdrawn: { firstName: 'Isla', lastName: 'Cotton', roomId: C, ageMonths: 33 },
  reviewOverdue: { firstName: 'Leo', lastName: 'Dunmore', roomId: C, ageMonths: 25 },
  grandparentConsent: { firstName: 'Maya', lastName: 'Elswick', roomId: C, ageMonths: 29 },
  ordinary1: { firstName: 'Oscar', lastName: 'Fenwick', roomId: C, ageMonths: 31 },
  ordinary2: { firstName: 'Freya', lastName: 'Gadsby', roomId: C, ageMonths: 26 },
  ordinary3: { firstName: 'Theo', lastName: 'Hartwell', roomId: C, ageMonths: 34 },
  ordinary4: { firstName: 'Rosie', lastName: 'Ingleby', roomId: C, ageMonths: 28 },
  injured: { firstName: 'Arlo', lastName: 'Jessop', roomId: B, ageMonths: 40 },
  noConsent: { firstName: 'Esme', lastName: 'Kirkby', roomId: B, ageMonths: 38 },
  concurrentEdits: { firstName: 'Finn', lastName: 'Lowther', roomId: B, ageMonths: 44 },
  websiteSocialRefused: { firstName: 'Ivy', lastName: 'Marchbank', roomId: B, ageMonths: 42 },
  publicSocialRefused: { firstName: 'Jude', lastName: 'Netherby', roomId: B, ageMonths: 37 },
  reviewDueSoon: { firstName: 'Lola', lastName: 'Oakworth', roomId: B, ageMonths: 45 },
  ordinary5: { firstName: 'Otis', lastName: 'Pemberton', roomId: B, ageMonths: 39 },
  ordinary6: { firstName: 'Poppy', lastName: 'Quarrie', roomId: B, ageMonths: 41 },
  ordinary7: { firstName: 'Reuben', lastName: 'Saltmarsh', roomId: B, ageMonths: 46 },
}

export function demoChildId(key: DemoChildKey): string {
  return `demo-child-${key}`
}

export interface ShowcaseChild {
  id: string
  firstName: string
  lastName: string
}

function showcase(key: ShowcaseKey): ShowcaseChild {
  return { id: demoChildId(key), firstName: SPECS[key].firstName, lastName: SPECS[key].lastName }
}

/** The showcase children by situation: id and name, for tests and the UI's tour. */
export const DEMO_SHOWCASE: Record<ShowcaseKey, ShowcaseChild> = {
  allGranted: showcase('allGranted'),
  groupPhotoRefused: showcase('groupPhotoRefused'),
  learningJourneyWithdrawn: showcase('learningJourneyWithdrawn'),
  reviewOverdue: showcase('reviewOverdue'),
  grandparentConsent: showcase('grandparentConsent'),
  injured: showcase('injured'),
  noConsent: showcase('noConsent'),
  concurrentEdits: showcase('concurrentEdits'),
  websiteSocialRefused: showcase('websiteSocialRefused'),
  publicSocialRefused: showcase('publicSocialRefused'),
  reviewDueSoon: showcase('reviewDueSoon'),
}

/** A demo child's surname, for the sample parents' names. */
export function demoSurname(key: DemoChildKey): string {
  return SPECS[key].lastName
}

export function demoChildren(now: Iso): Child[] {
  const nowMs = Date.parse(now)
  return DEMO_CHILD_KEYS.map((key) => {
    const spec = SPECS[key]
    return {
      id: demoChildId(key),
      firstName: spec.firstName,
      lastName: spec.lastName,
      roomId: spec.roomId,
      keyworkerId: spec.roomId === C ? DEMO_STAFF.keyworker.id : DEMO_STAFF.manager.id,
      dateOfBirth: new Date(addCalendarMonthsMs(nowMs, -spec.ageMonths)).toISOString().slice(0, 10),
      leavingDate: null,
    }
  })
}
