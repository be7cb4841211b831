/**
 * The server's settings, read from the environment at the edge of the process (README lists
 * them). A bad value is reported in words, naming the variable, instead of failing later.
 */
import { join, resolve } from 'node:path'
import type { DatabaseOptions } from './storage/openDatabase.ts'

export interface ServerConfig {
  dataDir: string
  database: DatabaseOptions
  photoDir: string
  tls: { certFile: string; keyFile: string } | null
  /** Fastify's trustProxy: false, true, or the proxy's addresses/CIDRs, comma-separated. */
  trustProxy: boolean | string
  thumbnailRetentionHours: number | null
  logLevel: string
}

export type ConfigResult = { ok: true; value: ServerConfig } | { ok: false; error: string }

type Env = Record<string, string | undefined>

export function readServerConfig(env: Env): ConfigResult {
  const dataDir = resolve(env.DATA_DIR?.trim() || './data')
  const url = env.DATABASE_URL?.trim() ?? ''
  if (url !== '' && !/^postgres(ql)?:\/\//.test(url)) {
    return fail(
      'DATABASE_URL must be a PostgreSQL URL (postgres://user:password@host:5432/db), or unset for SQLite.',
    )
  }
  const database: DatabaseOptions =
    url === ''
      ? { kind: 'sqlite', file: join(dataDir, 'consentlens.sqlite') }
      : { kind: 'postgres', url }
  const cert = env.TLS_CERT?.trim() ?? ''
  const key = env.TLS_KEY?.trim() ?? ''
  if ((cert === '') !== (key === ''))
    return fail('Set both TLS_CERT and TLS_KEY (file paths), or neither.')
  const retention = env.THUMBNAIL_RETENTION_HOURS?.trim() ?? ''
  const hours = Number(retention)
  if (retention !== '' && !(Number.isFinite(hours) && hours >= 0)) {
    return fail(
      `THUMBNAIL_RETENTION_HOURS must be a number of hours (0 or more), but it is "${retention}".`,
    )
  }
  return {
    ok: true,
    value: {
      dataDir,
      database,
      photoDir: join(dataDir, 'photos'),
      tls: cert === '' ? null : { certFile: resolve(cert), keyFile: resolve(key) },
      trustProxy: readTrustProxy(env.TRUST_PROXY?.trim() ?? ''),
      thumbnailRetentionHours: retention === '' ? null : hours,
      logLevel: env.LOG_LEVEL?.trim() || 'info',
    },
  }
}

function readTrustProxy(value: string): boolean | string {
  if (value === '' || value === 'false' || value === '0') return false
  if (value === 'true' || value === '1') return true
  return value
}

function fail(error: string): ConfigResult {
  return { ok: false, error }
}
