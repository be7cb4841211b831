/**
 * The whole setting's day, every tablet's photos, blocked attempts and deletions, as the
 * server holds them: its CSV or PDF export (GET /api/audit/export), fetched for the manager
 * on this tablet. The tablet's own audit screen shows only what this tablet did; this is the
 * record across tablets.
 *
 * Invariants:
 * - It goes only to the server this tablet is enrolled with, with its device credential and
 *   the manager's staff id and PIN in headers (decision 0006), never in the URL.
 * - The server checks the PIN, records the export in its own audit, and answers 403 (wrong
 *   PIN or not a manager) or 429 (locked out) with words this passes on unchanged.
 * - Nothing is stored: the file is handed to the person holding the tablet.
 */
import type { ConsentLensDb } from '../db/index.ts'
import { refusalOf, type Fetch, type SyncError } from './syncApi.ts'
import { getEnrolment, openSyncState } from './syncStateDb.ts'

export type ServerExportFormat = 'csv' | 'pdf'

export type ServerExportResult =
  { ok: true; value: { fileName: string; file: Blob } } | { ok: false; error: SyncError }

const NOT_ENROLLED =
  'This tablet is not enrolled with the setting’s server, so it has only its own photos. Enrol it on “This tablet”.'
const OFFLINE =
  'The server cannot be reached. The whole setting’s day needs the server; this tablet’s own export works offline.'

export async function downloadServerAuditDay(
  db: ConsentLensDb,
  request: { day: string; format: ServerExportFormat; staffId: string; pin: string },
  fetchFn: Fetch = globalThis.fetch,
): Promise<ServerExportResult> {
  const state = openSyncState(db.name)
  const enrolment = await getEnrolment(state).finally(() => {
    state.close()
  })
  if (enrolment === null) {
    return { ok: false, error: { code: 'not_enrolled', message: NOT_ENROLLED, status: null } }
  }
  const base = enrolment.serverUrl.replace(/\/+$/, '')
  const query = new URLSearchParams({ day: request.day, format: request.format })
  let response: Response
  let file: Blob
  try {
    response = await fetchFn(`${base}/api/audit/export?${query.toString()}`, {
      headers: {
        authorization: `Bearer ${enrolment.credential}`,
        'x-consentlens-staff': request.staffId,
        'x-consentlens-pin': request.pin,
      },
      cache: 'no-store',
    })
    file = await response.blob()
  } catch {
    return { ok: false, error: { code: 'offline', message: OFFLINE, status: null } }
  }
  if (response.ok) {
    const fileName = fileNameOf(response.headers.get('content-disposition'))
    if (fileName !== null) return { ok: true, value: { fileName, file } }
  }
  let body: unknown = null
  try {
    body = JSON.parse(await file.text()) as unknown
  } catch {
    // Not JSON: said below.
  }
  return { ok: false, error: refusalOf(response.status, body) }
}

/** The file name in `attachment; filename="…"`, if it is a plain one (no path, no quotes). */
function fileNameOf(disposition: string | null): string | null {
  const match = /filename="([A-Za-z0-9._-]{1,120})"/.exec(disposition ?? '')
  return match?.[1] ?? null
}
