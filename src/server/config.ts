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
  /** Unfinished photo uploads untouched this long are removed. */
  partialUploadMaxAgeHours: number
  /** Most bytes one tablet may hold in unfinished photo uploads. */
  partialUploadLimitBytes: number
  /** How long a shutdown waits for open requests before it cuts them. */
  shutdownGraceMs: number
  /** The built app to serve; null: the dist/ folder next to the code. */
  distDir: string | null
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
  const poolSize = readNumber(env, 'DATABASE_POOL_SIZE', 10, 1)
  if (!poolSize.ok) return poolSize
  const database: DatabaseOptions =
    url === ''
      ? { kind: 'sqlite', file: join(dataDir, 'consentlens.sqlite') }
      : { kind: 'postgres', url, poolSize: Math.floor(poolSize.value) }
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
  const limits = readLimits(env)
  if (!limits.ok) return limits
  const distDir = env.DIST_DIR?.trim() ?? ''
  return {
    ok: true,
    value: {
      ...limits.value,
      distDir: distDir === '' ? null : resolve(distDir),
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

type Read<T> = { ok: true; value: T } | { ok: false; error: string }

function readLimits(env: Env): Read<{
  partialUploadMaxAgeHours: number
  partialUploadLimitBytes: number
  shutdownGraceMs: number
}> {
  const age = readNumber(env, 'PARTIAL_UPLOAD_MAX_AGE_HOURS', 72, 0.01)
  if (!age.ok) return age
  const limit = readNumber(env, 'PARTIAL_UPLOAD_LIMIT_MB', 512, 1)
  if (!limit.ok) return limit
  const grace = readNumber(env, 'SHUTDOWN_GRACE_SECONDS', 30, 0)
  if (!grace.ok) return grace
  return {
    ok: true,
    value: {
      partialUploadMaxAgeHours: age.value,
      partialUploadLimitBytes: Math.round(limit.value * 1024 * 1024),
      shutdownGraceMs: Math.round(grace.value * 1000),
    },
  }
}

/** A number of at least `min` from `name`, or `fallback` when it is unset. */
function readNumber(env: Env, name: string, fallback: number, min: number): Read<number> {
  const text = env[name]?.trim() ?? ''
  if (text === '') return { ok: true, value: fallback }
  const value = Number(text)
  if (Number.isFinite(value) && value >= min) return { ok: true, value }
  return { ok: false, error: `${name} must be a number (${min} or more), but it is "${text}".` }
}

function fail(error: string): ConfigResult {
  return { ok: false, error }
}
