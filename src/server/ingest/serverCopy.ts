/**
 * The server's copy of the record a refused change was about, sent back with the refusal so
 * the device can make its copy agree (src/protocol/push.ts). A stored row that no longer
 * passes the wire schema is left out rather than sent.
 */
import {
  ServerCopySchema,
  type PushChange,
  type PushResult,
  type ServerCopy,
} from '../../protocol/index.ts'
import type { ChangeContext } from './changeContext.ts'

export async function withServerCopy(
  ctx: ChangeContext,
  change: PushChange,
  result: PushResult,
): Promise<PushResult> {
  if (result.status !== 'rejected' || change.kind === 'photo') return result
  const id = change.payload.id
  const stored = await ctx.records.get(change.kind, id)
  const parsed = ServerCopySchema.safeParse({ kind: change.kind, id, payload: stored ?? null })
  if (!parsed.success) return result
  const serverCopy: ServerCopy = parsed.data
  return { ...result, serverCopy }
}
