/**
 * The conditions parents wrote on their consent forms ("No photos in the paddling pool"), by
 * consent record id. The policy context drops them (no rule reads them), but the person taking
 * the photo must see and acknowledge them, so the capture screen asks for them here.
 *
 * Invariant: read-only; blank conditions count as none.
 */
import type { ConsentLensDb } from './ConsentLensDb.ts'

export async function consentConditions(db: ConsentLensDb): Promise<Map<string, string>> {
  const records = await db.consents.filter((r) => (r.conditions ?? '').trim() !== '').toArray()
  return new Map(records.map((r) => [r.id, (r.conditions ?? '').trim()]))
}
