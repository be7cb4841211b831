/**
 * The retention schedule's one run: for each setting (or one), every photo not yet erased whose
 * time is past (photoExpiry.ts) is erased through the one erasure path (library/erasePhoto.ts):
 * tombstone, `photoStatus` for every tablet, the audit line `photo-erased` with cause
 * `retention` and why, then the bytes leave the store.
 *
 * Invariants:
 * - Only what is past its time at `now` goes; the clock is the services' (tests set it).
 * - Each photo is erased in its own transaction, so a failure leaves the others as they were
 *   and the next run finishes the work. A run that erased something writes `retention-run`.
 */
import type { Kysely } from 'kysely'
import { ChildWireSchema, type RetentionPolicy } from '../../protocol/index.ts'
import { metaOf } from '../ingest/photoRows.ts'
import { eraseInTransaction, removeErasedBytes } from '../library/erasePhoto.ts'
import { appendServerAudit } from '../serverAudit.ts'
import { isoNow, type SyncServices } from '../services.ts'
import { listEntities } from '../storage/entities.ts'
import type { Database } from '../storage/schema.ts'
import { isPastRetention, photoExpiry, type RetentionFacts } from './photoExpiry.ts'
import { readRetention } from './retentionPolicy.ts'

export interface RetentionRun {
  settingId: string
  erased: { photoId: string; reason: string }[]
}

export async function runRetention(
  services: SyncServices,
  onlySettingId?: string,
): Promise<RetentionRun[]> {
  const { db } = services
  const now = isoNow(services)
  const settings =
    onlySettingId === undefined
      ? (await db.selectFrom('settings').select('id').execute()).map((s) => s.id)
      : [onlySettingId]
  const runs: RetentionRun[] = []
  for (const settingId of settings) {
    const erased = await runForSetting(db, settingId, now)
    runs.push({ settingId, erased })
  }
  await removeErasedBytes(services)
  return runs
}

async function runForSetting(
  db: Kysely<Database>,
  settingId: string,
  now: string,
): Promise<RetentionRun['erased']> {
  const { policy } = await readRetention(db, settingId)
  const facts = await factsOf(db, settingId, policy)
  const rows = await db
    .selectFrom('photos')
    .selectAll()
    .where('setting_id', '=', settingId)
    .where('erased_at', 'is', null)
    .orderBy('taken_at')
    .execute()
  const erased: RetentionRun['erased'] = []
  for (const row of rows) {
    const meta = metaOf(row)
    const photo = { takenAt: row.taken_at, childIds: meta.childIds, purposes: meta.purposes }
    const expiry = photoExpiry(photo, facts.forPhoto(row.id))
    if (!isPastRetention(expiry, now)) continue
    const used = facts.placesOf(row.id)
    const takeDown = used.length === 0 ? '' : ` Check it is taken down from: ${used.join(', ')}.`
    const reason = `Past its retention: ${expiry.why.join('; ')}.${takeDown}`
    const erasure = { cause: 'retention', reason, staffId: null, deviceId: null } as const
    const done = await db.transaction().execute((trx) => eraseInTransaction(trx, row, erasure, now))
    if (done) erased.push({ photoId: row.id, reason })
  }
  if (erased.length > 0) {
    await appendServerAudit(db, {
      settingId,
      at: now,
      deviceId: null,
      staffId: null,
      type: 'retention-run',
      details: { erased: erased.length, photoIds: erased.map((e) => e.photoId), policy },
    })
  }
  return erased
}

async function factsOf(db: Kysely<Database>, settingId: string, policy: RetentionPolicy) {
  const leaving = new Map<string, string | null>()
  for (const payload of await listEntities(db, settingId, 'child')) {
    const child = ChildWireSchema.safeParse(payload)
    if (child.success) leaving.set(child.data.id, child.data.leavingDate)
  }
  const approvals = await db
    .selectFrom('photo_approvals')
    .select(['photo_id', 'child_id', 'until_at'])
    .where('setting_id', '=', settingId)
    .execute()
  const ends = new Map<string, string>()
  for (const a of approvals) {
    const key = `${a.photo_id}|${a.child_id}`
    const seen = ends.get(key)
    if (seen === undefined || a.until_at > seen) ends.set(key, a.until_at)
  }
  const uses = await db
    .selectFrom('photo_uses')
    .select(['photo_id', 'purpose', 'place', 'until_at'])
    .where('setting_id', '=', settingId)
    .execute()
  const places = new Map<string, Set<string>>()
  for (const u of uses) {
    const seen = places.get(u.photo_id) ?? new Set<string>()
    places.set(u.photo_id, seen.add(u.place))
  }
  for (const u of uses) {
    const key = `${u.photo_id}|use:${u.purpose}`
    const seen = ends.get(key)
    if (u.until_at !== null && (seen === undefined || u.until_at > seen)) ends.set(key, u.until_at)
  }
  return {
    forPhoto: (photoId: string): RetentionFacts => ({
      policy,
      leavingDate: (childId) => leaving.get(childId) ?? null,
      approvalEnd: (childId) => ends.get(`${photoId}|${childId}`) ?? null,
      useEnd: (purpose) => ends.get(`${photoId}|use:${purpose}`) ?? null,
    }),
    placesOf: (photoId: string) => [...(places.get(photoId) ?? [])],
  }
}
