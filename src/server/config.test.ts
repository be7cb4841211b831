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
