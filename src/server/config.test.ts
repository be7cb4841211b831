import { describe, expect, it } from 'vitest'
import { readServerConfig } from './config.ts'

describe('readServerConfig', () => {
  it('defaults to SQLite in ./data, plain HTTP, no proxy, thumbnails until the end of the day', () => {
    const config = readServerConfig({})
    expect(config).toMatchObject({
      ok: true,
      value: {
        database: { kind: 'sqlite' },
        tls: null,
        trustProxy: false,
        thumbnailRetentionHours: null,
      },
    })
  })

  it('reads the pool size, the partial-upload limits, the shutdown grace and the build folder', () => {
    expect(readServerConfig({})).toMatchObject({
      ok: true,
      value: {
        partialUploadMaxAgeHours: 72,
        partialUploadLimitBytes: 512 * 1024 * 1024,
        shutdownGraceMs: 30_000,
        distDir: null,
      },
    })
    const config = readServerConfig({
      DATABASE_URL: 'postgres://u:p@db:5432/cl',
      DATABASE_POOL_SIZE: '25',
      PARTIAL_UPLOAD_MAX_AGE_HOURS: '6',
      PARTIAL_UPLOAD_LIMIT_MB: '100',
      SHUTDOWN_GRACE_SECONDS: '90',
      DIST_DIR: '/srv/consentlens/dist',
    })
    expect(config).toMatchObject({
      ok: true,
      value: {
        database: { kind: 'postgres', poolSize: 25 },
        partialUploadMaxAgeHours: 6,
        partialUploadLimitBytes: 100 * 1024 * 1024,
        shutdownGraceMs: 90_000,
        distDir: '/srv/consentlens/dist',
      },
    })
  })

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    const config = readServerConfig({ DATABASE_URL: 'postgres://u:p@db:5432/cl' })
    expect(config).toMatchObject({
      ok: true,
      value: { database: { kind: 'postgres', url: 'postgres://u:p@db:5432/cl' } },
    })
  })

  it.each([
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ TLS_CERT: 'cert.pem' }, 'TLS_KEY'],
    [{ THUMBNAIL_RETENTION_HOURS: 'soon' }, 'THUMBNAIL_RETENTION_HOURS'],
    [{ DATABASE_POOL_SIZE: '0' }, 'DATABASE_POOL_SIZE'],
    [{ PARTIAL_UPLOAD_MAX_AGE_HOURS: 'a week' }, 'PARTIAL_UPLOAD_MAX_AGE_HOURS'],
    [{ PARTIAL_UPLOAD_LIMIT_MB: '-5' }, 'PARTIAL_UPLOAD_LIMIT_MB'],
    [{ SHUTDOWN_GRACE_SECONDS: 'long' }, 'SHUTDOWN_GRACE_SECONDS'],
  ])('explains %o', (env, name) => {
    const config = readServerConfig(env)
    expect(config.ok).toBe(false)
    expect(!config.ok && config.error).toContain(name)
  })

  it.each([
    ['true', true],
    ['127.0.0.1,10.0.0.0/8', '127.0.0.1,10.0.0.0/8'],
    ['false', false],
  ])('reads TRUST_PROXY=%s', (value, expected) => {
    expect(readServerConfig({ TRUST_PROXY: value })).toMatchObject({
      ok: true,
      value: { trustProxy: expected },
    })
  })
})
