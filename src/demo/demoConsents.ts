/**
 * The demo's consent history and injuries: one child in each situation of docs/RULES.md, with
 * dates relative to `now` so the demo looks the same whenever it is seeded.
 *
 * Some of these records could not be made through the repositories on purpose: a grant from
 * a grandparent (no parental responsibility) and two concurrent heads are what arrives from
 * old paper records or from two devices that were offline. The seed writes them directly.
 */
import {
  PURPOSES,
  addCalendarMonthsMs,
  type ConsentStatus,
  type GivenBy,
  type Iso,
  type Purpose,
} from '../policy/index.ts'
import {
  DEMO_CHILD_KEYS,
  DEMO_STAFF,
  ORDINARY_KEYS,
  demoChildId,
  demoSurname,
  type DemoChildKey,
} from './demoRoster.ts'
import type { ConsentWire as StoredConsent, InjuryWire as InjuryRecord } from '../protocol/index.ts'

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS

type Answers = Partial<Record<Purpose, ConsentStatus>>

/** How long before `now` a form was recorded. */
interface Ago {
  months?: number
  days?: number
  hours?: number
}

interface Form {
  ago: Ago
  answers: Answers
  givenBy?: GivenBy
  /** Suffix of the ids, so later forms of the same child do not collide. */
  tag?: string
  /** Tag of the form whose records these answers supersede, purpose by purpose. */
  supersedes?: string
}

function answers(purposes: readonly Purpose[], status: ConsentStatus = 'granted'): Answers {
  return Object.fromEntries(purposes.map((p) => [p, status]))
}

/** The usual form: every purpose but press and publicity, which most parents leave blank. */
const USUAL = answers(PURPOSES.filter((p) => p !== 'publicity'))
const RECENT: Ago = { days: 60 }
// Sample parents' first names, one per demo child in DEMO_CHILD_KEYS order: people's names,
// never the demo's internal keys, as staff read them on the child's page. The first is the
// father of `allGranted`; the others sign as mothers (the forms' default relationship).
const PARENT_NAMES = [
  'Tom',
  'Hannah',
  'Rachel',
  'Grace',
  'Nadia',
  'Ruth',
  'Amira',
  'Lucy',
  'Zara',
  'Aisha',
  'Carys',
  'Fiona',
  'Priti',
  'Megan',
  'Sian',
  'Joanne',
  'Helen',
  'Kate',
]

const GRANDMOTHER: GivenBy = {
  name: `Pat ${demoSurname('grandparentConsent')}`,
  relationship: 'grandmother',
  parentalResponsibility: false,
}

const FORMS: readonly [DemoChildKey, Form][] = [
  [
    'allGranted',
    { ago: RECENT, answers: answers(PURPOSES), givenBy: parent('allGranted', 'father') },
  ],
  ['groupPhotoRefused', { ago: RECENT, answers: { ...USUAL, group_photo: 'refused' } }],
  ['learningJourneyWithdrawn', { ago: RECENT, answers: USUAL }],
  [
    'learningJourneyWithdrawn',
    { ago: { days: 10 }, answers: { learning_journey: 'withdrawn' }, tag: 'b', supersedes: 'a' },
  ],
  ['reviewOverdue', { ago: { months: 13 }, answers: USUAL }],
  ['grandparentConsent', { ago: RECENT, answers: USUAL, givenBy: GRANDMOTHER }],
  ['injured', { ago: RECENT, answers: USUAL }],
  ['concurrentEdits', { ago: RECENT, answers: USUAL }],
  // Two tablets, both offline, each answering the same grant: one withdrawal, one grant.
  [
    'concurrentEdits',
    { ago: { days: 2 }, answers: { learning_journey: 'withdrawn' }, tag: 'b', supersedes: 'a' },
  ],
  [
    'concurrentEdits',
    {
      ago: { days: 2, hours: -1 },
      answers: { learning_journey: 'granted' },
      tag: 'c',
      supersedes: 'a',
    },
  ],
  [
    'websiteSocialRefused',
    {
      ago: RECENT,
      answers: {
        ...answers(['learning_journey', 'group_photo', 'display']),
        ...answers(['website', 'social_parents', 'social_public', 'publicity'], 'refused'),
      },
    },
  ],
  [
    'publicSocialRefused',
    { ago: RECENT, answers: { ...USUAL, social_public: 'refused', publicity: 'refused' } },
  ],
  // Twelve months ago less twenty days: the annual review falls due in twenty days.
  ['reviewDueSoon', { ago: { months: 12, days: -20 }, answers: USUAL }],
  ...ORDINARY_KEYS.map((key, i): [DemoChildKey, Form] => [
    key,
    { ago: { days: 60 + i }, answers: USUAL },
  ]),
]

function parent(key: DemoChildKey, relationship = 'mother'): GivenBy {
  const first = PARENT_NAMES[DEMO_CHILD_KEYS.indexOf(key)] ?? 'Alex'
  return { name: `${first} ${demoSurname(key)}`, relationship, parentalResponsibility: true }
}

/** "Sample form 04a": a form reference as a setting writes one, marked as sample data. */
function formRef(key: DemoChildKey, tag: string): string {
  return `Sample form ${String(DEMO_CHILD_KEYS.indexOf(key) + 1).padStart(2, '0')}${tag}`
}

export function demoConsentId(key: DemoChildKey, purpose: Purpose, tag = 'a'): string {
  return `demo-consent-${key}-${purpose}-${tag}`
}

function before(nowMs: number, ago: Ago): Iso {
  const ms =
    addCalendarMonthsMs(nowMs, -(ago.months ?? 0)) -
    (ago.days ?? 0) * DAY_MS -
    (ago.hours ?? 0) * HOUR_MS
  return new Date(ms).toISOString()
}

function records(key: DemoChildKey, form: Form, nowMs: number): StoredConsent[] {
  const tag = form.tag ?? 'a'
  return PURPOSES.flatMap((purpose) => {
    const status = form.answers[purpose]
    if (status === undefined) return []
    const supersedes =
      form.supersedes === undefined ? null : demoConsentId(key, purpose, form.supersedes)
    const record: StoredConsent = {
      id: demoConsentId(key, purpose, tag),
      childId: demoChildId(key),
      purpose,
      status,
      givenBy: form.givenBy ?? parent(key),
      recordedAt: before(nowMs, form.ago),
      recordedBy: DEMO_STAFF.manager.id,
      reviewDue: null,
      supersedes,
      formRef: formRef(key, tag),
    }
    record.signedOn = record.recordedAt.slice(0, 10)
    return [record]
  })
}

export function demoConsents(now: Iso): StoredConsent[] {
  return FORMS.flatMap(([key, form]) => records(key, form, Date.parse(now)))
}

export function demoInjuries(now: Iso): InjuryRecord[] {
  return [
    {
      id: 'demo-injury-injured',
      childId: demoChildId('injured'),
      recordedAt: new Date(Date.parse(now) - 2 * 3_600_000).toISOString(),
      recordedBy: DEMO_STAFF.practitioner.id,
      description: 'Grazed knee on the climbing frame (sample)',
      clearedAt: null,
      clearedBy: null,
    },
  ]
}
