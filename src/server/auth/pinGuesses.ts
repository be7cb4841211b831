/**
 * The server's count of PIN guesses per member of staff (manager checks, `managerAuth.ts`),
 * made atomic: a guess is CLAIMED in one conditional UPDATE … RETURNING before its PBKDF2 is
 * run, so however many requests arrive at once, from however many tablets, no more than
 * `MAX_GUESSES` are ever checked per lock window per person (SQLite and
 * PostgreSQL alike: the statement reads and writes the row under the database's own lock).
 *
 * Rules: the claim that makes the count reach 5 also starts the lockout (the tablet's rule,
 * src/policy/pinLockout.ts: 5 minutes, doubling each time, at most an hour); while locked, nothing is claimed and the PIN is
 * not checked. A right PIN clears the count and any lockout. A claimed guess counts even if
 * its request dies before the answer: a crash never gives a free guess.
 * (docs/decisions/0016-a-change-carries-its-author-s-proof.md says how this touches the
 * manager's sign-in elsewhere.)
 */
import { sql, type Kysely } from 'kysely'
import { lockoutEndsAt, MAX_WRONG_PINS as MAX_GUESSES } from '../../policy/index.ts'
import type { Database } from '../storage/schema.ts'

/** `locks`: this guess was the fifth, its claim started the lockout (`lockedUntil`). */
export type GuessClaim =
  { ok: true; locks: boolean; lockedUntil: string | null } | { ok: false; lockedUntil: string }

function untilAfter(now: Date, previousLockouts: number): string {
  return lockoutEndsAt(now.toISOString(), previousLockouts)
}

export async function claimPinGuess(
  db: Kysely<Database>,
  settingId: string,
  staffId: string,
  now: Date,
): Promise<GuessClaim> {
  await db
    .insertInto('staff_lockouts')
    .values({
      setting_id: settingId,
      staff_id: staffId,
      failed_attempts: 0,
      locked_until: null,
      lockouts: 0,
    })
    .onConflict((oc) => oc.columns(['setting_id', 'staff_id']).doNothing())
    .execute()
  const at = now.toISOString()
  // ISO times in one format compare as text; SET reads the row as it was before the update.
  const expired = sql<boolean>`(locked_until is not null and locked_until <= ${at})`
  const count = sql<number>`(case when ${expired} then 1 else failed_attempts + 1 end)`
  const lockUntil = sql<string>`(case
    when lockouts <= 0 then ${untilAfter(now, 0)}
    when lockouts = 1 then ${untilAfter(now, 1)}
    when lockouts = 2 then ${untilAfter(now, 2)}
    when lockouts = 3 then ${untilAfter(now, 3)}
    else ${untilAfter(now, 4)} end)`
  const claimed = await db
    .updateTable('staff_lockouts')
    .set({
      failed_attempts: count,
      locked_until: sql<
        string | null
      >`(case when ${count} >= ${MAX_GUESSES} then ${lockUntil} else null end)`,
      lockouts: sql<number>`(case when ${count} >= ${MAX_GUESSES} then lockouts + 1 else lockouts end)`,
    })
    .where('setting_id', '=', settingId)
    .where('staff_id', '=', staffId)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', at)]))
    .returning(['failed_attempts', 'locked_until'])
    .executeTakeFirst()
  if (claimed !== undefined) {
    const locks = claimed.failed_attempts >= MAX_GUESSES
    return { ok: true, locks, lockedUntil: claimed.locked_until }
  }
  const row = await db
    .selectFrom('staff_lockouts')
    .select('locked_until')
    .where('setting_id', '=', settingId)
    .where('staff_id', '=', staffId)
    .executeTakeFirst()
  return { ok: false, lockedUntil: row?.locked_until ?? at }
}

/** A right PIN: the count and any lockout start again (earlier lockouts still count). */
export async function clearPinGuesses(
  db: Kysely<Database>,
  settingId: string,
  staffId: string,
): Promise<void> {
  await db
    .updateTable('staff_lockouts')
    .set({ failed_attempts: 0, locked_until: null })
    .where('setting_id', '=', settingId)
    .where('staff_id', '=', staffId)
    .execute()
}
