/**
 * Live changes (GET /api/sync/live): a Server-Sent Events stream that says the device's setting
 * changed. `LIVE_CHANGED` is the one event; comment lines keep it alive.
 *
 * Its data (one line of JSON) is `{}`, or, when the change took consent away, the consent
 * records that did (`restrictions`, in the pull's form: src/protocol/pull.ts). The tablet
 * applies those at once, as it applies a pull's restrictions ahead of their page, and then
 * syncs as for any change: a withdrawal blocks capture on the other iPads without waiting for
 * their next request to reach a busy server. A tablet that does not read the data loses only
 * that head start.
 */
import { z } from 'zod'
import { IdSchema } from './common.ts'
import { RestrictionChangeSchema } from './pull.ts'

export const LiveQuerySchema = z.object({ settingId: IdSchema })

export const LIVE_CHANGED = 'changed'

export const LiveChangedSchema = z.object({
  restrictions: z.array(RestrictionChangeSchema).optional(),
})

export type LiveChanged = z.infer<typeof LiveChangedSchema>
