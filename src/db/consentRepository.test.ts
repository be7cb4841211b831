import { afterEach, describe, expect, it } from 'vitest'
import { PURPOSES, childPhotoStatus, effectiveConsent } from '../policy/index.ts'
import type { ConsentLensDb } from './ConsentLensDb.ts'
import { consentHistory, recordConsent, withdrawConsent } from './consentRepository.ts'
import { loadPolicyContext } from './loadPolicyContext.ts'
import { listOutbox } from './outbox.ts'
import type { PhotoMeta } from '../model/records.ts'
import {
  ALMA,
  BODHI,
  GRANDAD,
  KEYWORKER,
  MANAGER,
  MOTHER,
  PRACTITIONER,
  STUDENT,
  T0,
  smallSetting,
} from '../../tests/support/testDb.ts'

const T1 = '2026-05-02T09:00:00.000Z'
const T2 = '2026-05-03T09:00:00.000Z'
let db: ConsentLensDb

afterEach(async () => {
  await db.delete()
})

async function context(now = T2) {
  return loadPolicyContext(db, { now, deviceId: 'device-1' })
}

describe('recordConsent', () => {
  it('appends one record per purpose, each with its outbox entry', async () => {
    db = await smallSetting()
    const result = await recordConsent(
      db,
      {
        childId: ALMA.id,
        decisions: { learning_journey: 'granted', website: 'refused' },
        givenBy: MOTHER,
        formRef: 'F-12',
        conditions: 'No photos at bath time',
      },
      MANAGER,
      T0,
    )
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value.records.map((r) => [r.purpose, r.status, r.supersedes])).toEqual([
      ['learning_journey', 'granted', null],
      ['website', 'refused', null],
    ])
    expect(result.value.records[0]).toMatchObject({ formRef: 'F-12', recordedBy: MANAGER.id })
    const outbox = await listOutbox(db)
    expect(outbox.map((e) => [e.kind, e.entityId])).toEqual(
      result.value.records.map((r) => ['consent', r.id]),
    )
    expect(outbox[0]?.payload).toEqual(result.value.records[0])
    const ctx = await context()
    expect(effectiveConsent(ctx, ALMA.id, 'learning_journey').status).toBe('valid')
    expect(effectiveConsent(ctx, ALMA.id, 'website').status).toBe('refused')
  })

  it('appends, never edits: a change supersedes the current head', async () => {
    db = await smallSetting()
    const form = { childId: ALMA.id, givenBy: MOTHER }
    await recordConsent(db, { ...form, decisions: { display: 'granted' } }, MANAGER, T0)
    await recordConsent(db, { ...form, decisions: { display: 'refused' } }, MANAGER, T1)
    const history = await consentHistory(db, ALMA.id, 'display')
    expect(history.map((r) => r.status)).toEqual(['granted', 'refused'])
    expect(history[0]?.supersedes).toBeNull()
    expect(history[1]?.supersedes).toBe(history[0]?.id)
    expect(effectiveConsent(await context(), ALMA.id, 'display').status).toBe('refused')
  })

  it('refuses a grant from someone without parental responsibility, with the reason', async () => {
    db = await smallSetting()
    const result = await recordConsent(
      db,
      { childId: ALMA.id, decisions: { learning_journey: 'granted' }, givenBy: GRANDAD },
      MANAGER,
      T0,
    )
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'no-parental-responsibility',
        message: expect.stringContaining('Ted Tester (grandfather) does not hold parental'),
      },
    })
    expect(await db.consents.count()).toBe(0)
    expect(await db.outbox.count()).toBe(0)
  })

  it('accepts a refusal from someone without parental responsibility: it only restricts', async () => {
    db = await smallSetting()
    const result = await recordConsent(
      db,
      { childId: ALMA.id, decisions: { social_public: 'refused' }, givenBy: GRANDAD },
      MANAGER,
      T0,
    )
    expect(result.ok).toBe(true)
  })

  it.each([
    ['a keyworker, even for a key child', KEYWORKER, ALMA.id],
    ['a keyworker for a child who is not theirs', KEYWORKER, BODHI.id],
    ['a practitioner', PRACTITIONER, ALMA.id],
    ['a student', STUDENT, ALMA.id],
  ])('refuses %s', async (_, actor, childId) => {
    db = await smallSetting()
    const result = await recordConsent(
      db,
      { childId, decisions: { learning_journey: 'granted' }, givenBy: MOTHER },
      actor,
      T0,
    )
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.code).toBe('not-permitted')
    expect(await db.consents.count()).toBe(0)
  })

  it('says what is wrong with an empty form or an unknown child', async () => {
    db = await smallSetting()
    const empty = await recordConsent(
      db,
      { childId: ALMA.id, decisions: {}, givenBy: MOTHER },
      MANAGER,
      T0,
    )
    expect(empty.ok || empty.error.code).toBe('no-purpose')
    const unknown = await recordConsent(
      db,
      { childId: 'nobody', decisions: { display: 'granted' }, givenBy: MOTHER },
      MANAGER,
      T0,
    )
    expect(unknown.ok || unknown.error.code).toBe('unknown-child')
  })
})

describe('concurrent edits through the repository', () => {
  it('supersedes the deciding head and reports the purpose still concurrent', async () => {
    db = await smallSetting()
    const base = await recordConsent(
      db,
      { childId: ALMA.id, decisions: { learning_journey: 'granted' }, givenBy: MOTHER },
      MANAGER,
      T0,
    )
    if (!base.ok) throw new Error('setup')
    const grant = base.value.records[0]!
    // Two devices, offline, each answering the same grant: one withdrawal, one new grant.
    await db.consents.bulkAdd([
      { ...grant, id: 'w-offline', status: 'withdrawn', supersedes: grant.id, recordedAt: T1 },
      { ...grant, id: 'g-offline', supersedes: grant.id, recordedAt: T1 },
    ])
    const before = effectiveConsent(await context(), ALMA.id, 'learning_journey')
    expect(before).toMatchObject({ status: 'withdrawn', concurrentEdit: true })
    expect(before.record?.id).toBe('w-offline')

    const again = await recordConsent(
      db,
      { childId: ALMA.id, decisions: { learning_journey: 'granted' }, givenBy: MOTHER },
      MANAGER,
      T2,
    )
    if (!again.ok) throw new Error('record')
    expect(again.value.records[0]?.supersedes).toBe('w-offline')
    expect(again.value.stillConcurrent).toEqual(['learning_journey'])
    const after = effectiveConsent(await context(), ALMA.id, 'learning_journey')
    expect(after.status).toBe('valid')
    expect(after.record?.id).toBe(again.value.records[0]?.id)
  })

  it('keeps a restriction that the person recording did not answer', async () => {
    db = await smallSetting()
    const grant = { childId: ALMA.id, decisions: { display: 'granted' as const }, givenBy: MOTHER }
    const base = await recordConsent(db, grant, MANAGER, T0)
    if (!base.ok) throw new Error('setup')
    const first = base.value.records[0]!
    await db.consents.bulkAdd([
      { ...first, id: 'r-1', status: 'refused', supersedes: first.id, recordedAt: T1 },
      { ...first, id: 'w-1', status: 'withdrawn', supersedes: first.id, recordedAt: T1 },
    ])
    await recordConsent(db, grant, MANAGER, T2) // answers the withdrawal, the deciding head
    expect(effectiveConsent(await context(), ALMA.id, 'display').status).toBe('refused')
    await recordConsent(db, grant, MANAGER, T2) // answers the refusal: now resolved
    expect(effectiveConsent(await context(), ALMA.id, 'display').status).toBe('valid')
  })
})

describe('withdrawConsent', () => {
  it("withdraws 'all': every purpose, even those never recorded", async () => {
    db = await smallSetting()
    const decisions = { learning_journey: 'granted', display: 'granted' } as const
    await recordConsent(db, { childId: ALMA.id, decisions, givenBy: MOTHER }, MANAGER, T0)
    const result = await withdrawConsent(
      db,
      { childId: ALMA.id, purposes: 'all', givenBy: MOTHER },
      MANAGER,
      T1,
    )
    if (!result.ok) throw new Error(result.error.message)
    expect(result.value.records.map((r) => r.purpose)).toEqual([...PURPOSES])
    const status = childPhotoStatus(await context(), ALMA.id)
    expect(status.permittedPurposes).toEqual([])
    for (const p of PURPOSES) expect(status.consents[p].status).toBe('withdrawn')
    const lj = await consentHistory(db, ALMA.id, 'learning_journey')
    expect(lj[1]?.supersedes).toBe(lj[0]?.id)
    expect(await db.outbox.where('kind').equals('consent').count()).toBe(2 + PURPOSES.length)
  })

  it('withdraws named purposes only and flags the photos they concern', async () => {
    db = await smallSetting()
    const decisions = { learning_journey: 'granted', website: 'granted' } as const
    await recordConsent(db, { childId: ALMA.id, decisions, givenBy: MOTHER }, MANAGER, T0)
    await db.photos.bulkAdd([photo('p-web', ['website']), photo('p-lj', ['learning_journey'])])
    const result = await withdrawConsent(
      db,
      { childId: ALMA.id, purposes: ['website'], givenBy: MOTHER },
      MANAGER,
      T1,
    )
    expect(result.ok).toBe(true)
    const ctx = await context()
    expect(effectiveConsent(ctx, ALMA.id, 'website').status).toBe('withdrawn')
    expect(effectiveConsent(ctx, ALMA.id, 'learning_journey').status).toBe('valid')
    expect((await db.photos.get('p-web'))?.flaggedForRemoval).toEqual([
      { at: T1, childId: ALMA.id, purposes: ['website'] },
    ])
    expect((await db.photos.get('p-lj'))?.flaggedForRemoval).toEqual([])
  })

  it.each([
    ['a keyworker', KEYWORKER],
    ['a practitioner', PRACTITIONER],
    ['a student', STUDENT],
  ])('is refused to %s, who must tell the manager', async (_, actor) => {
    db = await smallSetting()
    const result = await withdrawConsent(
      db,
      { childId: ALMA.id, purposes: 'all', givenBy: MOTHER },
      actor,
      T1,
    )
    expect(result.ok || result.error.message).toMatch(/Tell the manager/)
    expect(await db.consents.count()).toBe(0)
  })
})

function photo(id: string, purposes: PhotoMeta['purposes']): PhotoMeta {
  return {
    id,
    takenAt: T0,
    staffId: MANAGER.id,
    deviceId: 'device-1',
    locationId: 'loc',
    childIds: [ALMA.id],
    purposes,
    caption: '',
    adultInFrame: false,
    reason: null,
    decision: { verdict: 'allow', rules: [] },
    checksum: 'abc',
    bytes: 1,
    width: 1,
    height: 1,
    syncState: 'sent',
    deleted: null,
    flaggedForRemoval: [],
  }
}

describe('what a form must hold', () => {
  it.each([
    [{ givenBy: { ...MOTHER, name: ' ' } }, 'no-giver'],
    [{ reviewDue: '2026-04-01T00:00:00.000Z' }, 'bad-review-date'],
    [{ reviewDue: 'next spring' }, 'bad-review-date'],
  ])('refuses %j with %s', async (change, code) => {
    db = await smallSetting()
    const form = { childId: ALMA.id, decisions: { display: 'granted' as const }, givenBy: MOTHER }
    const result = await recordConsent(db, { ...form, ...change }, MANAGER, T0)
    expect(result.ok || result.error.code).toBe(code)
    expect(await db.consents.count()).toBe(0)
  })

  it('keeps an explicit review date on a grant', async () => {
    db = await smallSetting()
    const reviewDue = '2026-09-01T00:00:00.000Z'
    const form = { childId: ALMA.id, decisions: { display: 'granted' as const }, givenBy: MOTHER }
    const result = await recordConsent(db, { ...form, reviewDue }, MANAGER, T0)
    expect(result.ok && result.value.records[0]?.reviewDue).toBe(reviewDue)
  })
})
