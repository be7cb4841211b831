/**
 * Live changes (GET /api/sync/live): a Server-Sent Events stream that says only that the
 * device's setting changed. `LIVE_CHANGED` is the one event; comment lines keep it alive.
 */
import { z } from 'zod'
import { IdSchema } from './common.ts'

export const LiveQuerySchema = z.object({ settingId: IdSchema })

export const LIVE_CHANGED = 'changed'
