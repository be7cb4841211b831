import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildServer } from './app.ts'

// A stand-in for Vite's output: the same layout, tiny files.
const INDEX_HTML = '<!doctype html><title>ConsentLens</title><div id="root"></div>'
let distDir: string
let app: FastifyInstance

beforeAll(async () => {
  distDir = mkdtempSync(join(tmpdir(), 'consentlens-dist-'))
  mkdirSync(join(distDir, 'assets'))
  mkdirSync(join(distDir, 'icons'))
  writeFileSync(join(distDir, 'index.html'), INDEX_HTML)
  writeFileSync(join(distDir, 'sw.js'), 'self.addEventListener("install", () => {})')
  writeFileSync(join(distDir, 'workbox-1a2b3c4d.js'), '// workbox runtime')
  writeFileSync(join(distDir, 'manifest.webmanifest'), '{"name":"ConsentLens"}')
  writeFileSync(join(distDir, 'assets', 'index-B7x9Qk2a.js'), 'console.log(1)')
  writeFileSync(join(distDir, 'icons', 'icon-192.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]))
  writeFileSync(join(distDir, '.env'), 'SECRET=1')
  app = buildServer({ distDir })
  await app.ready()
})

afterAll(async () => {
  await app.close()
  rmSync(distDir, { recursive: true, force: true })
})

const navigate = { 'sec-fetch-mode': 'navigate', accept: 'text/html,application/xhtml+xml' }

describe('GET /api/health', () => {
  it('answers ok as JSON', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/health' })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toMatch(/^application\/json/)
    expect(response.json()).toEqual({ ok: true })
  })
})

describe('unknown /api routes', () => {
  it.each([
    ['GET', '/api/nope', {}],
    ['POST', '/api/sync/push', {}],
    ['GET', '/api/nope?x=1', navigate],
    ['GET', '/api', navigate],
  ] as const)('%s %s is a JSON 404, never the app', async (method, url, headers) => {
    const response = await app.inject({ method, url, headers })
    expect(response.statusCode).toBe(404)
    expect(response.headers['content-type']).toMatch(/^application\/json/)
    expect(response.json()).toEqual({
      ok: false,
      error: { code: 'not_found', message: expect.stringContaining(url.split('?')[0]!) },
    })
  })
})

describe('static files and their cache headers', () => {
  it.each([
    ['/', 'text/html', 'no-cache'],
    ['/index.html', 'text/html', 'no-cache'],
    ['/sw.js', 'javascript', 'no-cache'],
    ['/workbox-1a2b3c4d.js', 'javascript', 'no-cache'],
    ['/manifest.webmanifest', 'application/manifest+json', 'no-cache'],
    ['/icons/icon-192.png', 'image/png', 'no-cache'],
    ['/assets/index-B7x9Qk2a.js', 'javascript', 'public, max-age=31536000, immutable'],
  ])('%s is %s with Cache-Control "%s"', async (url, type, cacheControl) => {
    const response = await app.inject({ method: 'GET', url })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toContain(type)
    expect(response.headers['cache-control']).toBe(cacheControl)
    expect(response.headers.etag).toBeTruthy()
  })

  it('answers HEAD for the app', async () => {
    const response = await app.inject({ method: 'HEAD', url: '/' })
    expect(response.statusCode).toBe(200)
  })

  it('lets the page talk to this server only, never be framed, never sniff types', async () => {
    for (const url of ['/', '/api/health', '/assets/index-B7x9Qk2a.js']) {
      const response = await app.inject({ method: 'GET', url })
      const csp = String(response.headers['content-security-policy'])
      expect(csp).toContain("connect-src 'self'")
      expect(csp).toContain("script-src 'self'")
      expect(csp).toContain("frame-ancestors 'none'")
      expect(csp).not.toContain('unsafe')
      // Directives WebKit knows: it logs an error on every load for any other (manifest-src).
      const known = new Set([
        'default-src',
        'script-src',
        'style-src',
        'img-src',
        'media-src',
        'connect-src',
        'worker-src',
        'object-src',
        'base-uri',
        'form-action',
        'frame-ancestors',
      ])
      const directives = csp.split(';').map((d) => d.trim().split(' ')[0] ?? '')
      expect(directives.filter((d) => !known.has(d))).toEqual([])
      expect(response.headers['x-content-type-options']).toBe('nosniff')
      expect(response.headers['referrer-policy']).toBe('no-referrer')
    }
  })

  it('does not serve dotfiles', async () => {
    const response = await app.inject({ method: 'GET', url: '/.env' })
    expect(response.statusCode).toBe(404)
    expect(response.body).not.toContain('SECRET')
  })
})

describe('SPA fallback', () => {
  it.each([
    ['a deep link', '/children/42', navigate],
    ['an old browser without Sec-Fetch-Mode', '/settings', { accept: 'text/html' }],
  ])('serves index.html, uncached, for %s', async (_case, url, headers) => {
    const response = await app.inject({ method: 'GET', url, headers })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toContain('text/html')
    expect(response.headers['cache-control']).toBe('no-cache')
    expect(response.body).toBe(INDEX_HTML)
  })

  it.each([
    ['a missing script', 'GET', '/assets/index-old.js', { 'sec-fetch-mode': 'no-cors' }],
    ['a missing image', 'GET', '/icons/nope.png', { accept: 'image/avif,image/*' }],
    ['a form post', 'POST', '/children', navigate],
  ] as const)('is a real 404 for %s', async (_case, method, url, headers) => {
    const response = await app.inject({ method, url, headers })
    expect(response.statusCode).toBe(404)
    expect(response.body).not.toBe(INDEX_HTML)
  })
})

describe('buildServer', () => {
  it('refuses a folder without a built app, saying how to build it', () => {
    const empty = mkdtempSync(join(tmpdir(), 'consentlens-empty-'))
    try {
      expect(() => buildServer({ distDir: empty })).toThrow(/npm run build/)
    } finally {
      rmSync(empty, { recursive: true, force: true })
    }
  })
})
