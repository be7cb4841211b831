/**
 * Whether this server runs the demo: only while no real setting exists and DEMO is not `off`.
 * A fresh data folder then gets the demo setting (sample data only), so a newcomer sees
 * everything within a minute; once a real setting exists (admin create-setting), the demo is
 * never seeded again and the server prints no PIN and no code (a real setting's codes come from
 * its manager or the admin command).
 *
 * Invariant: the answer depends only on DEMO and on whether a non-demo setting is stored.
 */
import type { Kysely } from 'kysely'
import type { Database } from './storage/schema.ts'

export type StartMode =
  | { kind: 'demo' }
  | { kind: 'real'; settings: { id: string; name: string }[] }
  | { kind: 'empty'; reason: 'demo-off' }

export function demoIsOff(env: Record<string, string | undefined>): boolean {
  return ['off', 'false', '0', 'no'].includes(env.DEMO?.trim().toLowerCase() ?? '')
}

export async function startMode(
  db: Kysely<Database>,
  env: Record<string, string | undefined>,
): Promise<StartMode> {
  const settings = await db
    .selectFrom('settings')
    .select(['id', 'name'])
    .where('is_demo', '=', 0)
    .orderBy('created_at')
    .execute()
  if (settings.length > 0) return { kind: 'real', settings }
  if (demoIsOff(env)) return { kind: 'empty', reason: 'demo-off' }
  return { kind: 'demo' }
}
