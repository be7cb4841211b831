/**
 * Applies one pushed record (consent, injury, staff, PIN verifier, child, location) to the
 * server's data, after checking it against the server's own staff data with the policy's `can`.
 *
 * Invariants:
 * - Consent records are append-only: the same id with other content is refused.
 * - An edited record (staff, child, location, injury) older than the server's copy by its own
 *   version is refused as superseded (src/protocol/recordVersion.ts): arrival order never wins.
 * - Restrictive records are never refused for want of permission: a withdrawal or refusal of
 *   consent, and an injury, count from whoever recorded them (RULES.md leans to the safe side;
 *   roles.ts: "a wrong withdrawal only costs a photo"). A grant needs `record-consent`, and
 *   clearing an injury `clear-injury`, by a current member of staff of this setting.
 * - Staff, roster and location changes are checked with `can` against who acted (`actorId`,
 *   recorded with every outbox entry); an entry from before devices recorded it has none and
 *   is trusted from the enrolled device (docs/decisions/0006-manager-operations-on-the-server.md).
 */
import { can, deniedMessage, type Action } from '../../policy/index.ts'
import {
  ChildWireSchema,
  InjuryWireSchema,
  StaffWireSchema,
  type ConsentWire,
  type InjuryWire,
  type PushChange,
  type StaffWire,
} from '../../protocol/index.ts'
import { getEntity, putEntity } from '../storage/entities.ts'
import { APPLIED, rejected, type ChangeContext, type ChangeOutcome } from './changeContext.ts'
import { reviewChildPhotos } from './reviewChildPhotos.ts'
import { supersededOnServer } from './supersededOnServer.ts'

type RecordChange = Exclude<PushChange, { kind: 'photo' }>

export async function applyRecord(
  ctx: ChangeContext,
  change: RecordChange,
): Promise<ChangeOutcome> {
  const settingId = ctx.device.settingId
  switch (change.kind) {
    case 'consent':
      return applyConsent(ctx, change.payload)
    case 'injury':
      return applyInjury(ctx, change.payload)
    case 'staff':
    case 'staffPin':
    case 'child':
    case 'location': {
      const action: Action =
        change.kind === 'child'
          ? 'manage-roster'
          : change.kind === 'location'
            ? 'edit-locations'
            : 'authorise-staff'
      const allowed = await actorMay(ctx, change.actorId ?? null, action, change.payload.id)
      if (!allowed.ok) return allowed.outcome
      if (change.kind !== 'staffPin') {
        const older = await supersededOnServer(ctx, change.kind, change.payload)
        if (older !== null) return older
      }
      await putEntity(ctx.trx, settingId, change.kind, change.payload.id, change.payload, ctx.now)
      return APPLIED
    }
  }
}

async function staffOf(ctx: ChangeContext, staffId: string): Promise<StaffWire | null> {
  const parsed = StaffWireSchema.safeParse(
    await getEntity(ctx.trx, ctx.device.settingId, 'staff', staffId),
  )
  return parsed.success && parsed.data.active ? parsed.data : null
}

async function actorMay(
  ctx: ChangeContext,
  actorId: string | null,
  action: Action,
  subjectId: string,
): Promise<{ ok: true } | { ok: false; outcome: ChangeOutcome }> {
  if (actorId === null) return { ok: true }
  const actor = await staffOf(ctx, actorId)
  const isSelf = actorId === subjectId
  if (
    actor !== null &&
    (can(actor.role, action, { isSelf }) || (action === 'authorise-staff' && isSelf))
  ) {
    return { ok: true }
  }
  return { ok: false, outcome: rejected('not_permitted', deniedMessage(action)) }
}

async function applyConsent(ctx: ChangeContext, record: ConsentWire): Promise<ChangeOutcome> {
  const settingId = ctx.device.settingId
  const existing = await getEntity(ctx.trx, settingId, 'consent', record.id)
  if (existing !== undefined) {
    return JSON.stringify(existing) === JSON.stringify(record)
      ? APPLIED
      : rejected(
          'conflict',
          'Consent records are never changed; this one differs from the one the server has.',
        )
  }
  if (record.status === 'granted') {
    const staff = await staffOf(ctx, record.recordedBy)
    const child = ChildWireSchema.safeParse(
      await getEntity(ctx.trx, settingId, 'child', record.childId),
    )
    const isKeyChild = child.success && staff !== null && child.data.keyworkerId === staff.id
    if (staff === null || !can(staff.role, 'record-consent', { isKeyChild })) {
      return rejected('not_permitted', deniedMessage('record-consent'))
    }
  }
  await putEntity(ctx.trx, settingId, 'consent', record.id, record, ctx.now)
  const withdrawal = record.status === 'withdrawn' ? record : null
  await reviewChildPhotos(ctx, record.childId, record.recordedAt, withdrawal)
  return APPLIED
}

async function applyInjury(ctx: ChangeContext, injury: InjuryWire): Promise<ChangeOutcome> {
  const settingId = ctx.device.settingId
  if (injury.clearedAt !== null) {
    const before = InjuryWireSchema.safeParse(
      await getEntity(ctx.trx, settingId, 'injury', injury.id),
    )
    const alreadyCleared = before.success && before.data.clearedAt === injury.clearedAt
    const clearer = injury.clearedBy === null ? null : await staffOf(ctx, injury.clearedBy)
    if (!alreadyCleared && (clearer === null || !can(clearer.role, 'clear-injury'))) {
      return rejected('not_permitted', deniedMessage('clear-injury'))
    }
  }
  const older = await supersededOnServer(ctx, 'injury', injury)
  if (older !== null) return older
  await putEntity(ctx.trx, settingId, 'injury', injury.id, injury, ctx.now)
  await reviewChildPhotos(ctx, injury.childId, injury.recordedAt, null)
  return APPLIED
}
