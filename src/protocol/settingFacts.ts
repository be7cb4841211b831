/**
 * Facts about the whole setting that only the server knows, sent with every pull so the
 * manager's alerts can show them on any tablet, offline too, as of the last sync:
 * tablets not seen for a week, photos the server quarantined, and audit chains that did not
 * verify when they arrived.
 *
 * Invariant: each fact is the server's own observation at `asOf` (its clock), never a
 * device's claim about itself.
 */
import { z } from 'zod'
import { IdSchema, IsoSchema } from './common.ts'

/** A tablet the server has not heard from for this long is reported to the manager. */
export const UNSEEN_DEVICE_DAYS = 7

export const SettingFactsSchema = z.object({
  asOf: IsoSchema,
  /** Enrolled, unrevoked tablets whose last contact is UNSEEN_DEVICE_DAYS or more ago. */
  unseenDevices: z.array(z.object({ deviceId: IdSchema, name: z.string(), lastSeen: IsoSchema })),
  /** Kept (not deleted) photos of the setting that the server quarantined, on any tablet. */
  quarantinedPhotos: z.number().int().min(0),
  /** Each problem found in a tablet's audit chain on arrival, oldest first. */
  chainProblems: z.array(
    z.object({
      deviceId: IdSchema,
      name: z.string(),
      code: z.string(),
      seq: z.number().int(),
      message: z.string(),
      detectedAt: IsoSchema,
    }),
  ),
})

export type SettingFacts = z.infer<typeof SettingFactsSchema>
