/**
 * Pull: everything of the device's setting that changed after its cursor, a server sequence
 * number. The device stores the returned `cursor` only after it has applied the page, and
 * asks again while `more` is true.
 *
 * Invariants:
 * - Sequence numbers are per setting and only grow; a change is visible to a pull only once
 *   every smaller number of its setting is (writers take the numbers in commit order).
 * - A pulled record is the whole entity; applying a page twice is harmless.
 * - Staff records never carry a PIN hash; `staffPin` records do, and go only to enrolled,
 *   unrevoked devices of the same setting.
 * - Restrictions travel first: a page that is not the last, or holds more than
 *   SMALL_PULL_PAGE records, also carries in `restrictions` the consent records after the
 *   cursor asked from that take consent away (withdrawn or refused), in the page or after it,
 *   so a tablet catching up on a busy morning blocks capture before it has applied a big
 *   page or read every page. They come again in their page; consent records are append-only,
 *   so applying one early, out of sequence order, is harmless; a capture decision made without
 *   the records between is never less restrictive than the full history's (a record that
 *   supersedes a withdrawal reaches the server after it, so it is never among them).
 */
import { z } from 'zod'
import { IdSchema, IsoSchema } from './common.ts'
import {
  ChildWireSchema,
  ConsentWireSchema,
  InjuryWireSchema,
  LocationWireSchema,
  PhotoStatusWireSchema,
  RoomWireSchema,
  SettingWireSchema,
  StaffPinWireSchema,
  StaffWireSchema,
} from './records.ts'
import { SettingFactsSchema } from './settingFacts.ts'

export const MAX_PULL_LIMIT = 2000
export const DEFAULT_PULL_LIMIT = 1000
/** A last page this small carries no `restrictions` (see the header): they are in it. */
export const SMALL_PULL_PAGE = 100

export const PullQuerySchema = z.object({
  settingId: IdSchema,
  since: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(DEFAULT_PULL_LIMIT),
})

const seq = { seq: z.number().int().min(1) }

export const PullChangeSchema = z.discriminatedUnion('kind', [
  z.object({ ...seq, kind: z.literal('setting'), payload: SettingWireSchema }),
  z.object({ ...seq, kind: z.literal('room'), payload: RoomWireSchema }),
  z.object({ ...seq, kind: z.literal('location'), payload: LocationWireSchema }),
  z.object({ ...seq, kind: z.literal('child'), payload: ChildWireSchema }),
  z.object({ ...seq, kind: z.literal('consent'), payload: ConsentWireSchema }),
  z.object({ ...seq, kind: z.literal('injury'), payload: InjuryWireSchema }),
  z.object({ ...seq, kind: z.literal('staff'), payload: StaffWireSchema }),
  z.object({ ...seq, kind: z.literal('staffPin'), payload: StaffPinWireSchema }),
  z.object({ ...seq, kind: z.literal('photoStatus'), payload: PhotoStatusWireSchema }),
])

/** A consent record that takes consent away, sent ahead of its page (see the header). */
export const RestrictionChangeSchema = z.object({
  ...seq,
  kind: z.literal('consent'),
  payload: ConsentWireSchema,
})

export const DeviceStatusSchema = z.object({
  id: IdSchema,
  settingId: IdSchema,
  revoked: z.boolean(),
})

export const SyncConfigSchema = z.object({
  /** How long a sent photo's thumbnail stays on the device; null: until the end of its day. */
  thumbnailRetentionHours: z.number().min(0).nullable(),
})

export const PullResponseSchema = z.object({
  ok: z.literal(true),
  changes: z.array(PullChangeSchema),
  cursor: z.number().int().min(0),
  more: z.boolean(),
  serverTime: IsoSchema,
  device: DeviceStatusSchema,
  config: SyncConfigSchema,
  /**
   * Consent records after the cursor asked from that take consent away (see the header);
   * absent from older servers and from a small last page. The cursor does not cover those
   * after the page.
   */
  restrictions: z.array(RestrictionChangeSchema).optional(),
  /**
   * The setting's server-side facts for the manager's alerts, with the last page (`more` false)
   * only; absent from older servers.
   */
  facts: SettingFactsSchema.optional(),
})

export type PullQuery = z.infer<typeof PullQuerySchema>
export type PullChange = z.infer<typeof PullChangeSchema>
export type PullKind = PullChange['kind']
export type PullResponse = z.infer<typeof PullResponseSchema>
export type DeviceStatus = z.infer<typeof DeviceStatusSchema>
export type SyncConfig = z.infer<typeof SyncConfigSchema>
