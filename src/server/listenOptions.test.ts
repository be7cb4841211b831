import { describe, expect, it } from 'vitest'
import { displayUrl, readListenOptions } from './listenOptions.ts'

describe('readListenOptions', () => {
  it('defaults to port 8080 on every interface', () => {
    expect(readListenOptions({})).toEqual({ ok: true, value: { port: 8080, host: '0.0.0.0' } })
  })

  it.each([
    [{ PORT: '3000' }, { port: 3000, host: '0.0.0.0' }],
    [
      { PORT: '0', HOST: '127.0.0.1' },
      { port: 0, host: '127.0.0.1' },
    ],
    [
      { PORT: ' 9000 ', HOST: '' },
      { port: 9000, host: '0.0.0.0' },
    ],
  ])('reads %o', (env, value) => {
    expect(readListenOptions(env)).toEqual({ ok: true, value })
  })

  it.each(['abc', '80.5', '-1', '65536', '8080x'])('explains a bad PORT "%s"', (port) => {
    const result = readListenOptions({ PORT: port })
    expect(result.ok).toBe(false)
    expect(!result.ok && result.error).toContain(`"${port}"`)
  })
})

describe('displayUrl', () => {
  it.each([
    ['0.0.0.0', 8080, 'http://localhost:8080'],
    ['::', 8080, 'http://localhost:8080'],
    ['192.168.1.20', 80, 'http://192.168.1.20:80'],
    ['::1', 3000, 'http://[::1]:3000'],
  ])('shows %s:%i as %s', (host, port, url) => {
    expect(displayUrl(host, port)).toBe(url)
  })
})
