/**
 * What a push that took consent away tells the setting's open streams (liveChanges.ts), read in
 * the push's own transaction after its writes: the consent records it wrote that take consent
 * away, as a pull gives them (sequence number, stored payload), and which of the listening
 * devices the server holds as enrolled in the setting and not revoked. Read there, they are
 * what commits, they cost no connection or flush of their own, and a device revoked by the
 * time of the push (by the manager, or by an admin command in another process) is told nothing.
 *
 * Invariant: null when there is nothing to tell (no such record, nobody listening); the data is
 * one line of JSON, `LiveChangedSchema` (src/protocol/live.ts).
 */
import type { Kysely } from 'kysely'
import { restrictionsNamed } from '../storage/entities.ts'
import type { Database } from '../storage/schema.ts'
import type { LiveNews } from './liveChanges.ts'

export async function liveNews(
  trx: Kysely<Database>,
  settingId: string,
  consentIds: readonly string[],
  listening: readonly string[],
): Promise<LiveNews | null> {
  if (consentIds.length === 0 || listening.length === 0) return null
  const rows = await restrictionsNamed(trx, settingId, consentIds)
  if (rows.length === 0) return null
  const enrolled = await trx
    .selectFrom('devices')
    .select('id')
    .where('setting_id', '=', settingId)
    .where('id', 'in', [...listening])
    .where('revoked_at', 'is', null)
    .execute()
  // Stored payloads are JSON text written by JSON.stringify: no line breaks to end the event.
  const entries = rows.map((r) => `{"seq":${r.seq},"kind":"consent","payload":${r.payload}}`)
  const data = `{"restrictions":[${entries.join(',')}]}`
  if (/[\r\n]/.test(data)) return null
  return { data, to: new Set(enrolled.map((d) => d.id)), checked: new Set(listening) }
}
