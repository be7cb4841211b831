/**
 * Whether the server already holds a newer copy of an editable record than the one pushed
 * (src/protocol/recordVersion.ts): then the push is refused as superseded, and the newer copy
 * stays, whatever the order in which two tablets' edits arrive.
 */
import { z } from 'zod'
import { compareVersions, VERSION_FIELDS, type Versioned } from '../../protocol/index.ts'
import type { EntityKind } from '../storage/entities.ts'
import { rejected, type ChangeContext, type ChangeOutcome } from './changeContext.ts'

const StoredVersionSchema = z.object(VERSION_FIELDS)

export const SUPERSEDED_MESSAGE =
  'A newer version of this record was already saved on another tablet, so this change was not applied. This tablet now shows the newer version; make the change again if it is still needed.'

export async function supersededOnServer(
  ctx: ChangeContext,
  kind: EntityKind,
  record: Versioned & { id: string },
): Promise<ChangeOutcome | null> {
  const stored = await ctx.records.get(kind, record.id)
  if (stored === undefined) return null
  const parsed = StoredVersionSchema.safeParse(stored)
  const held: Versioned = parsed.success ? parsed.data : {}
  return compareVersions(record, held) < 0 ? rejected('superseded', SUPERSEDED_MESSAGE) : null
}
