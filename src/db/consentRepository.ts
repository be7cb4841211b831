/**
 * Recording consent: a parent's form, a withdrawal, a child's history.
 *
 * Invariants:
 * - Append-only: a change is a new record whose `supersedes` names the deciding head of its
 *   child and purpose (see consentHeads.ts for why that head). Nothing is edited or deleted.
 * - Each record, its outbox entry and the audit event are written in one transaction.
 * - A grant from someone without parental responsibility is refused here, as a value. Such
 *   records can still arrive from the server or an old import; the policy then blocks them.
 * - Refusals and withdrawals are accepted from anyone who brings them: they only restrict.
 */
import {
  PURPOSES,
  type ConsentStatus,
  type GivenBy,
  type Iso,
  type Purpose,
} from '../policy/index.ts'
import { appendAudit } from './auditLog.ts'
import { authoriseChange, type ActorRef } from './authorise.ts'
import type { Signer } from './outbox.ts'
import type { ConsentLensDb } from './ConsentLensDb.ts'
import { consentChangeProblem, type ConsentChange, type ConsentErrorCode } from './consentChecks.ts'
import { currentConsents } from './consentHeads.ts'
import { newId, type NewId } from './newId.ts'
import { flagPhotosForRemoval } from './flagPhotosForRemoval.ts'
import { enqueueOutbox } from './outbox.ts'
import type { StoredConsent } from '../model/records.ts'
import { fail, ok, type Result } from './result.ts'

export type { ConsentErrorCode }

export interface ConsentForm {
  childId: string
  /** The answer for each purpose on the form; purposes left out are not changed. */
  decisions: Partial<Record<Purpose, 'granted' | 'refused'>>
  givenBy: GivenBy
  /** Absent or null: the policy's default, 12 calendar months after recording. */
  reviewDue?: Iso | null
  formRef?: string
  /** The day the form was signed (YYYY-MM-DD). */
  signedOn?: string
  conditions?: string
  note?: string
}

export interface Withdrawal {
  childId: string
  purposes: Purpose[] | 'all'
  givenBy: GivenBy
  note?: string
}

export interface RecordedConsent {
  records: StoredConsent[]
  /** Purposes that still have several heads (concurrent edits): record again to resolve. */
  stillConcurrent: Purpose[]
}

const TABLES = ['children', 'consents', 'staff', 'photos', 'outbox', 'audit', 'device'] as const

/** Appends one record per purpose on the form. */
export async function recordConsent(
  db: ConsentLensDb,
  form: ConsentForm,
  actor: ActorRef,
  now: Iso,
  makeId: NewId = newId,
): Promise<Result<RecordedConsent, ConsentErrorCode>> {
  const decisions = PURPOSES.flatMap((p): [Purpose, ConsentStatus][] => {
    const status = form.decisions[p]
    return status === undefined ? [] : [[p, status]]
  })
  return appendChange(db, { ...form, decisions }, actor, now, makeId, 'record-consent')
}

/** Appends a withdrawal for each purpose; 'all' covers every purpose, even unrecorded ones. */
export async function withdrawConsent(
  db: ConsentLensDb,
  withdrawal: Withdrawal,
  actor: ActorRef,
  now: Iso,
  makeId: NewId = newId,
): Promise<Result<RecordedConsent, ConsentErrorCode>> {
  // A withdrawal of a purpose with no record still protects: it outranks a grant that another
  // device may be recording offline at the same time.
  const purposes = withdrawal.purposes === 'all' ? [...PURPOSES] : withdrawal.purposes
  const decisions = PURPOSES.filter((p) => purposes.includes(p)).map(
    (p): [Purpose, ConsentStatus] => [p, 'withdrawn'],
  )
  const change: ConsentChange = { ...withdrawal, decisions, reviewDue: null }
  return appendChange(db, change, actor, now, makeId, 'withdraw-consent')
}

async function appendChange(
  db: ConsentLensDb,
  change: ConsentChange,
  actorRef: ActorRef,
  now: Iso,
  makeId: NewId,
  action: 'record-consent' | 'withdraw-consent',
): Promise<Result<RecordedConsent, ConsentErrorCode>> {
  const problem = consentChangeProblem(change, now)
  if (problem !== null) return { ok: false, error: problem }
  return db.transaction('rw', [...TABLES], async () => {
    const child = await db.children.get(change.childId)
    if (child === undefined) {
      return fail(
        'unknown-child',
        'This child is not on the roster of this device. Sync, then try again.',
      )
    }
    const allowed = await authoriseChange(db, actorRef, action, (a) => ({
      isKeyChild: child.keyworkerId === a.id,
    }))
    if (!allowed.ok) return allowed
    return ok(await writeRecords(db, change, allowed.value.signer, action, now, makeId))
  })
}

async function writeRecords(
  db: ConsentLensDb,
  change: ConsentChange,
  actor: Signer,
  action: 'record-consent' | 'withdraw-consent',
  now: Iso,
  makeId: NewId,
): Promise<RecordedConsent> {
  const staffId = actor.id
  const { childId } = change
  const existing = await db.consents.where('childId').equals(childId).toArray()
  const purposes = change.decisions.map(([p]) => p)
  const current = currentConsents(existing, childId, purposes, now)
  const records = change.decisions.map(([purpose, status]) => {
    const supersedes = current.get(purpose)?.record?.id ?? null
    return toRecord(change, purpose, status, supersedes, staffId, now, makeId)
  })
  await db.consents.bulkAdd(records)
  for (const payload of records)
    await enqueueOutbox(db, { kind: 'consent', payload, actor }, now, makeId)
  if (action === 'withdraw-consent') await flagPhotosForRemoval(db, childId, records, now)
  const details = {
    childId,
    relationship: change.givenBy.relationship,
    records: records.map((r) => ({ id: r.id, purpose: r.purpose, status: r.status })),
  }
  const type = action === 'record-consent' ? 'consent-recorded' : 'consent-withdrawn'
  await appendAudit(db, { at: now, staffId, type, details }, makeId)
  const stillConcurrent = purposes.filter((p) => current.get(p)?.concurrentEdit === true)
  return { records, stillConcurrent }
}

function toRecord(
  change: ConsentChange,
  purpose: Purpose,
  status: ConsentStatus,
  supersedes: string | null,
  recordedBy: string,
  now: Iso,
  makeId: NewId,
): StoredConsent {
  const record: StoredConsent = {
    id: makeId(),
    childId: change.childId,
    purpose,
    status,
    givenBy: { ...change.givenBy },
    recordedAt: now,
    recordedBy,
    reviewDue: status === 'granted' ? (change.reviewDue ?? null) : null,
    supersedes,
  }
  if (change.note !== undefined) record.note = change.note
  if (change.formRef !== undefined) record.formRef = change.formRef
  if (change.signedOn !== undefined) record.signedOn = change.signedOn
  if (change.conditions !== undefined) record.conditions = change.conditions
  return record
}

/** Every record of a child (optionally one purpose), oldest first, superseded ones included. */
export async function consentHistory(
  db: ConsentLensDb,
  childId: string,
  purpose?: Purpose,
): Promise<StoredConsent[]> {
  const records =
    purpose === undefined
      ? await db.consents.where('childId').equals(childId).toArray()
      : await db.consents.where('[childId+purpose]').equals([childId, purpose]).toArray()
  return records.sort(
    (a, b) => Date.parse(a.recordedAt) - Date.parse(b.recordedAt) || a.id.localeCompare(b.id),
  )
}
