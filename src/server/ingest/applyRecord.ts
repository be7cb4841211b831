/**
 * Applies one pushed record (consent, injury, staff, PIN verifier, child, location) to the
 * server's data, made by an actor proven by `proveActor`, after checking with the policy's
 * `can` against the role the SERVER holds for them.
 *
 * Invariants:
 * - Consent records are append-only: the same id with other content is refused.
 * - A consent record (granted, refused or withdrawn) says who recorded it; that must be the
 *   proven actor, and their role must allow recording or withdrawing consent. An injury's
 *   recorder or clearer likewise must be the proven actor.
 * - Nobody changes their own role, authorisation or active flag: only someone allowed to
 *   manage staff changes anyone's, and never their own.
 * - A PIN verifier is set by its owner (the proof made with their current key) or by someone
 *   allowed to set others' PINs (the manager), for a person the server knows.
 * - An edited record (staff, child, location, injury) older than the server's copy by its own
 *   version is refused as superseded (src/protocol/recordVersion.ts): arrival order never wins.
 * (docs/decisions/0016-a-change-carries-its-author-s-proof.md)
 */
import { can, deniedMessage, type Action, type RoleOptions } from '../../policy/index.ts'
import {
  ChildWireSchema,
  InjuryWireSchema,
  StaffWireSchema,
  type ConsentWire,
  type InjuryWire,
  type PushChange,
  type StaffWire,
} from '../../protocol/index.ts'
import { APPLIED, rejected, type ChangeContext, type ChangeOutcome } from './changeContext.ts'
import { askReview } from './reviewChildPhotos.ts'
import { supersededOnServer } from './supersededOnServer.ts'

type RecordChange = Exclude<PushChange, { kind: 'photo' }>

const NOT_THE_ACTOR =
  'This record names someone other than the person who made the change. Make the change again, signed in as yourself.'
const OWN_RECORD =
  'Nobody can change their own role, authorisation or whether they are active. Ask another manager.'
const UNKNOWN_PERSON = 'This PIN is for someone the server does not know. Sync, then try again.'

function denied(action: Action): ChangeOutcome {
  return rejected('not_permitted', deniedMessage(action))
}

function check(actor: StaffWire, action: Action, options: RoleOptions = {}): ChangeOutcome | null {
  return can(actor.role, action, { canCapture: actor.canCapture, ...options })
    ? null
    : denied(action)
}

export async function applyRecord(
  ctx: ChangeContext,
  change: RecordChange,
  actor: StaffWire,
): Promise<ChangeOutcome> {
  switch (change.kind) {
    case 'consent':
      return applyConsent(ctx, change.payload, actor)
    case 'injury':
      return applyInjury(ctx, change.payload, actor)
    case 'staff': {
      const refusal = await staffRefusal(ctx, change.payload, actor)
      if (refusal !== null) return refusal
      break
    }
    case 'staffPin': {
      const isSelf = change.payload.id === actor.id
      const refusal = check(actor, 'set-pin', { isSelf })
      if (refusal !== null) return refusal
      if ((await staffRecord(ctx, change.payload.id)) === null) {
        return rejected('not_permitted', UNKNOWN_PERSON)
      }
      break
    }
    case 'child':
    case 'location': {
      const refusal = check(actor, change.kind === 'child' ? 'manage-roster' : 'edit-locations')
      if (refusal !== null) return refusal
      break
    }
  }
  if (change.kind !== 'staffPin') {
    const older = await supersededOnServer(ctx, change.kind, change.payload)
    if (older !== null) return older
  }
  ctx.records.put(change.kind, change.payload.id, change.payload)
  return APPLIED
}

/** The record as the server holds it, active or not. */
async function staffRecord(ctx: ChangeContext, staffId: string): Promise<StaffWire | null> {
  const parsed = StaffWireSchema.safeParse(await ctx.records.get('staff', staffId))
  return parsed.success ? parsed.data : null
}

async function staffRefusal(
  ctx: ChangeContext,
  staff: StaffWire,
  actor: StaffWire,
): Promise<ChangeOutcome | null> {
  const refusal = check(actor, 'authorise-staff')
  if (refusal !== null) return refusal
  if (staff.id !== actor.id) return null
  const before = await staffRecord(ctx, staff.id)
  const same =
    before !== null &&
    before.role === staff.role &&
    before.canCapture === staff.canCapture &&
    before.active === staff.active
  return same ? null : rejected('not_permitted', OWN_RECORD)
}

async function isKeyChildOf(ctx: ChangeContext, childId: string, staffId: string) {
  const child = ChildWireSchema.safeParse(await ctx.records.get('child', childId))
  return child.success && child.data.keyworkerId === staffId
}

async function applyConsent(
  ctx: ChangeContext,
  record: ConsentWire,
  actor: StaffWire,
): Promise<ChangeOutcome> {
  if (record.recordedBy !== actor.id) return rejected('not_permitted', NOT_THE_ACTOR)
  const existing = await ctx.records.get('consent', record.id)
  if (existing !== undefined) {
    return JSON.stringify(existing) === JSON.stringify(record)
      ? APPLIED
      : rejected(
          'conflict',
          'Consent records are never changed; this one differs from the one the server has.',
        )
  }
  const action = record.status === 'withdrawn' ? 'withdraw-consent' : 'record-consent'
  const isKeyChild = await isKeyChildOf(ctx, record.childId, actor.id)
  const refusal = check(actor, action, { isKeyChild })
  if (refusal !== null) return refusal
  ctx.records.put('consent', record.id, record)
  const withdrawal = record.status === 'withdrawn' ? record : null
  askReview(ctx, record.childId, record.recordedAt, withdrawal)
  return APPLIED
}

async function applyInjury(
  ctx: ChangeContext,
  injury: InjuryWire,
  actor: StaffWire,
): Promise<ChangeOutcome> {
  const before = InjuryWireSchema.safeParse(await ctx.records.get('injury', injury.id))
  // An older copy is superseded before it is compared with the server's newer one: against
  // that, an uncleared stale copy would look like someone un-clearing the injury.
  const older = await supersededOnServer(ctx, 'injury', injury)
  if (older !== null) return older
  const refusal = before.success
    ? injuryUpdateRefusal(before.data, injury, actor)
    : injury.recordedBy !== actor.id || injury.clearedAt !== null
      ? rejected('not_permitted', NOT_THE_ACTOR)
      : check(actor, 'record-injury')
  if (refusal !== null) return refusal
  ctx.records.put('injury', injury.id, injury)
  askReview(ctx, injury.childId, injury.recordedAt, null)
  return APPLIED
}

/** A known injury may only be cleared, by the proven actor, if they may clear injuries. */
function injuryUpdateRefusal(
  before: InjuryWire,
  after: InjuryWire,
  actor: StaffWire,
): ChangeOutcome | null {
  const sameInjury =
    before.childId === after.childId &&
    before.recordedAt === after.recordedAt &&
    before.recordedBy === after.recordedBy &&
    before.description === after.description
  if (!sameInjury) return denied('record-injury')
  if (before.clearedAt === after.clearedAt && before.clearedBy === after.clearedBy) return null
  if (after.clearedAt === null || after.clearedBy !== actor.id) {
    return rejected('not_permitted', NOT_THE_ACTOR)
  }
  return check(actor, 'clear-injury')
}
