/**
 * Errors that mean a store is away or full rather than a bug: the database unreachable (its
 * connection refused, dropped or timed out; PostgreSQL shutting down or out of connections;
 * SQLite busy past its timeout) or its disk full. The API answers them with a retryable
 * 503/507 in its error envelope, so a tablet keeps its work and tries again later, and the
 * server stays up: the next request reconnects.
 */
import { apiError, type ApiErrorBody } from '../protocol/apiError.ts'

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'SQLITE_BUSY',
])

/** PostgreSQL SQLSTATEs: connection exceptions (08…), shutdown, too many connections. */
const POSTGRES_AWAY = /^(08...|57P0[1-3]|53300)$/

const DRIVER_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is closed|not queryable/i

export type Unavailable = { status: 503 | 507; body: ApiErrorBody }

export function storeUnavailableOf(error: unknown): Unavailable | null {
  if (!(error instanceof Error)) return null
  const code = 'code' in error && typeof error.code === 'string' ? error.code : ''
  if (code === 'SQLITE_FULL') {
    const message =
      'The server’s disk is full, so nothing was saved. Everything stays on this iPad and is sent again later. Tell the manager: the server needs more disk space.'
    return { status: 507, body: apiError('storage_full', message) }
  }
  if (NETWORK_CODES.has(code) || POSTGRES_AWAY.test(code) || DRIVER_MESSAGES.test(error.message)) {
    const message =
      'The server cannot reach its database just now, so nothing was saved. Everything stays on this iPad and is sent again later; the server reconnects by itself. If this lasts, tell the manager.'
    return { status: 503, body: apiError('database_unavailable', message) }
  }
  return null
}
