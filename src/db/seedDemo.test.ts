// The demo holds exactly one child in each consent situation of docs/RULES.md, checked through the
// policy's own queries on a context loaded from the seeded tables.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  PURPOSES,
  childPhotoStatus,
  effectiveConsent,
  type PolicyContext,
} from '../policy/index.ts'
import type { ConsentLensDb } from './ConsentLensDb.ts'
import { DEMO_DEVICE_ID, DEMO_SHOWCASE, DEMO_STAFF } from '../demo/demoRoster.ts'
import { loadPolicyContext } from './loadPolicyContext.ts'
import { reviewsDue } from './reviewsDue.ts'
import { childrenInRoom, getDevice, getSetting, listRooms } from './rosterQueries.ts'
import { seedDemoIfEmpty } from './seedDemo.ts'
import { freshDb } from '../../tests/support/testDb.ts'
import { verifyPin } from './verifyPin.ts'

const NOW = '2026-09-14T09:30:00.000Z'
const S = DEMO_SHOWCASE
let db: ConsentLensDb
let ctx: PolicyContext

beforeAll(async () => {
  db = freshDb()
  expect(await seedDemoIfEmpty(db, NOW)).toBe(true)
  ctx = await loadPolicyContext(db, { now: NOW, deviceId: DEMO_DEVICE_ID })
})

afterAll(async () => {
  await db.delete()
})

function statuses(childId: string) {
  const status = childPhotoStatus(ctx, childId)
  return Object.fromEntries(PURPOSES.map((p) => [p, status.consents[p].status]))
}

describe('demo seed', () => {
  it('is clearly marked as demo, with an enrolled device synced now', async () => {
    expect(await getSetting(db)).toMatchObject({
      name: 'Demo Nursery (sample data)',
      isDemo: true,
      idleLockMinutes: 5,
    })
    expect(await getDevice(db)).toMatchObject({
      enrolled: true,
      revoked: false,
      consentDataSyncedAt: NOW,
    })
  })

  it('seeds only an empty database and sends nothing to the server', async () => {
    expect(await seedDemoIfEmpty(db, NOW)).toBe(false)
    expect(await db.outbox.count()).toBe(0)
    expect(await db.setting.count()).toBe(1)
  })

  it('has two rooms of 8–10 children and the special locations', async () => {
    const rooms = await listRooms(db)
    expect(rooms.map((r) => r.name)).toEqual(['Butterflies', 'Caterpillars'])
    for (const room of rooms) {
      expect((await childrenInRoom(db, room.id, NOW)).length).toBeGreaterThanOrEqual(8)
    }
    const kinds = ctx.locations.map((l) => l.kind)
    expect(kinds).toEqual(
      expect.arrayContaining(['room', 'garden', 'outing', 'sleep', 'toilet', 'changing']),
    )
  })

  it.each([
    ['manager', DEMO_STAFF.manager.id, '1234'],
    ['keyworker', DEMO_STAFF.keyworker.id, '2345'],
    ['practitioner', DEMO_STAFF.practitioner.id, '3456'],
    ['student', DEMO_STAFF.student.id, '4567'],
  ])('signs in the %s with the documented demo PIN', async (_, id, pin) => {
    expect((await verifyPin(db, id, pin, NOW)).ok).toBe(true)
  })

  it('has a student who is not authorised to take photos', () => {
    expect(ctx.staff.find((s) => s.id === DEMO_STAFF.student.id)?.canCapture).toBe(false)
  })

  it('all consents granted by a parent', () => {
    expect(childPhotoStatus(ctx, S.allGranted.id).permittedPurposes).toEqual([...PURPOSES])
  })

  it('group photo refused', () => {
    expect(statuses(S.groupPhotoRefused.id)).toMatchObject({
      group_photo: 'refused',
      learning_journey: 'valid',
    })
  })

  it('learning journey withdrawn, superseding the grant', () => {
    const lj = effectiveConsent(ctx, S.learningJourneyWithdrawn.id, 'learning_journey')
    expect(lj.status).toBe('withdrawn')
    expect(lj.history.map((r) => r.status)).toEqual(['granted', 'withdrawn'])
    expect(lj.record?.supersedes).toBe(lj.history[0]?.id)
  })

  it('consent past its review date', async () => {
    const status = childPhotoStatus(ctx, S.reviewOverdue.id)
    expect(status.excluded).toBe(true)
    expect(status.reasons.map((r) => r.code)).toEqual(['review_overdue'])
    const due = await reviewsDue(db, NOW)
    expect(new Set(due.overdue.map((i) => i.childId))).toEqual(new Set([S.reviewOverdue.id]))
    expect(new Set(due.dueSoon.map((i) => i.childId))).toEqual(new Set([S.reviewDueSoon.id]))
  })

  it('consent given by a grandparent without parental responsibility', () => {
    const status = childPhotoStatus(ctx, S.grandparentConsent.id)
    expect(status.reasons.map((r) => r.code)).toEqual(['no_parental_responsibility'])
    expect(status.consents.learning_journey.givenBy?.relationship).toBe('grandmother')
  })

  it('injury recorded and not cleared', () => {
    const status = childPhotoStatus(ctx, S.injured.id)
    expect(status.injury).toMatchObject({ clearedAt: null })
    expect(status.reasons.map((r) => r.code)).toEqual(['injury'])
  })

  it('no consent record at all', () => {
    const status = childPhotoStatus(ctx, S.noConsent.id)
    expect(Object.values(statuses(S.noConsent.id))).toEqual(PURPOSES.map(() => 'missing'))
    expect(status.reasons.map((r) => r.code)).toEqual(['no_record'])
  })

  it('concurrent edits: a withdrawal and a grant superseding the same grant', () => {
    const lj = effectiveConsent(ctx, S.concurrentEdits.id, 'learning_journey')
    expect(lj).toMatchObject({ status: 'withdrawn', concurrentEdit: true })
    const [first, ...later] = lj.history
    expect(later.map((r) => [r.status, r.supersedes])).toEqual([
      ['withdrawn', first?.id],
      ['granted', first?.id],
    ])
  })

  it('partial consent: website and social media refused, or public pages refused', () => {
    expect(childPhotoStatus(ctx, S.websiteSocialRefused.id).permittedPurposes).toEqual([
      'learning_journey',
      'group_photo',
      'display',
    ])
    expect(statuses(S.publicSocialRefused.id)).toMatchObject({
      social_public: 'refused',
      publicity: 'refused',
      website: 'valid',
    })
  })

  it('has exactly one child in each situation', () => {
    const children = ctx.children.map((c) => c.id)
    const excluded = children.filter((id) => childPhotoStatus(ctx, id).excluded)
    expect(new Set(excluded)).toEqual(
      new Set([S.reviewOverdue.id, S.grandparentConsent.id, S.injured.id, S.noConsent.id]),
    )
    const concurrent = children.filter((id) =>
      PURPOSES.some((p) => effectiveConsent(ctx, id, p).concurrentEdit),
    )
    expect(concurrent).toEqual([S.concurrentEdits.id])
    const allValid = children.filter(
      (id) => childPhotoStatus(ctx, id).permittedPurposes.length === PURPOSES.length,
    )
    expect(allValid).toEqual([S.allGranted.id])
  })
})
