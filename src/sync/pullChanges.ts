/**
 * Pulls every change after the device's cursor, page by page, applying each page before
 * saving the cursor that covers it. Pages are the largest the server gives (MAX_PULL_LIMIT),
 * and the next is on its way while one is applied: a fresh tablet's first pull of a few
 * thousand records waits on the network and the server's query once rather than once a page.
 * When the last page is in, the device's consent data is as fresh as the server's:
 * `consentDataSyncedAt` (the policy's staleness rule) becomes now, and the setting's
 * server-side facts for the manager's alerts are kept on the device row.
 *
 * A page's `restrictions` (withdrawals and refusals in it or after it, src/protocol/pull.ts) are
 * applied before the page itself, and a round starts with a small page (FIRST_PAGE): a tablet
 * catching up on a busy morning blocks capture at once rather than after every page. The
 * cursor does not move for them.
 */
import type { ConsentLensDb } from '../db/index.ts'
import type { Iso } from '../policy/index.ts'
import { MAX_PULL_LIMIT, SMALL_PULL_PAGE, type SyncConfig } from '../protocol/index.ts'
import { applyPulled } from './applyPulled.ts'
import type { SyncApi, SyncError } from './syncApi.ts'
import type { Enrolment, SyncStateDb } from './syncStateDb.ts'

/**
 * A round that has a cursor starts with a small page: the withdrawals beyond it come with it
 * and are applied before the tablet reads (and parses) thousands of the morning's records. A
 * fresh tablet (cursor 0) cannot capture before its first pull ends: it starts with the largest.
 */
export const FIRST_PAGE = SMALL_PULL_PAGE

export type PullOutcome =
  { ok: true; value: { applied: number; config: SyncConfig } } | { ok: false; error: SyncError }

export async function pullChanges(
  db: ConsentLensDb,
  state: SyncStateDb,
  api: SyncApi,
  enrolment: Enrolment,
  now: () => Iso,
): Promise<PullOutcome> {
  let cursor = enrolment.cursor
  let applied = 0
  const fetchPage = (since: number, limit = MAX_PULL_LIMIT) =>
    api.pull(enrolment.settingId, since, limit)
  let next = fetchPage(cursor, cursor === 0 ? MAX_PULL_LIMIT : FIRST_PAGE)
  for (;;) {
    const answer = await next
    if (!answer.ok) return answer
    const page = answer.value
    // The next page is asked for while this one is applied: a read only, so the cursor is
    // still saved only after the page it covers is applied. An error on it is met above on
    // the next turn, after this page's work is kept.
    if (page.more) {
      next = fetchPage(page.cursor)
      // Not left unhandled if this page's apply throws and the round ends here.
      next.catch(() => undefined)
    }
    if (page.restrictions !== undefined && page.restrictions.length > 0) {
      await applyPulled(db, page.restrictions, now())
    }
    await applyPulled(db, page.changes, now())
    applied += page.changes.length
    cursor = page.cursor
    await state.state.update('enrolment', {
      cursor,
      thumbnailRetentionHours: page.config.thumbnailRetentionHours,
    })
    if (!page.more) {
      const facts = page.facts === undefined ? {} : { serverFacts: page.facts }
      await db.device.update(enrolment.deviceId, { consentDataSyncedAt: now(), ...facts })
      return { ok: true, value: { applied, config: page.config } }
    }
  }
}
