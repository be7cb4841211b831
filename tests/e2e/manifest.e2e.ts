// The web app manifest and icons, as a tablet sees them when it offers "Add to Home screen".
import { describe, expect, it } from 'vitest'
import { servedAppPerFile } from './support/tablet.ts'

type ManifestIcon = { src: string; sizes: string; type?: string; purpose?: string }
type Manifest = {
  name?: string
  short_name?: string
  lang?: string
  display?: string
  start_url?: string
  theme_color?: string
  icons?: ManifestIcon[]
}

const app = servedAppPerFile()

async function fetchManifest(): Promise<{ url: string; manifest: Manifest }> {
  const url = `${app.url}/manifest.webmanifest`
  const response = await fetch(url)
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toContain('application/manifest+json')
  return { url, manifest: (await response.json()) as Manifest }
}

/** Width and height from a PNG's IHDR chunk, which always follows the 8-byte signature. */
function pngSize(bytes: Buffer): string {
  return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`
}

describe('the web app manifest', () => {
  it('has what an installable app needs', async () => {
    const { manifest } = await fetchManifest()
    expect(manifest).toMatchObject({
      name: 'ConsentLens',
      short_name: 'ConsentLens',
      lang: 'en-GB',
      display: 'standalone',
      start_url: '/',
      theme_color: '#1f5f5b',
    })
    const icons = manifest.icons ?? []
    expect(icons.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']))
    expect(icons.some((icon) => icon.purpose?.split(' ').includes('maskable'))).toBe(true)
  })

  it('points at PNG icons that exist and have the sizes it claims', async () => {
    const { url, manifest } = await fetchManifest()
    for (const icon of manifest.icons ?? []) {
      const response = await fetch(new URL(icon.src, url))
      expect(response.status, icon.src).toBe(200)
      expect(response.headers.get('content-type'), icon.src).toBe('image/png')
      expect(pngSize(Buffer.from(await response.arrayBuffer())), icon.src).toBe(icon.sizes)
    }
  })

  it('is linked from the page, with the theme colour and the apple-touch-icon', async () => {
    const page = await app.browser.newPage()
    await page.goto(app.url)
    const head = page.locator('head')
    expect(await head.locator('link[rel="manifest"]').getAttribute('href')).toBe(
      '/manifest.webmanifest',
    )
    expect(await head.locator('meta[name="theme-color"]').getAttribute('content')).toBe('#1f5f5b')
    const touchIcon = await head.locator('link[rel="apple-touch-icon"]').getAttribute('href')
    const response = await fetch(new URL(touchIcon ?? '', app.url))
    expect(response.headers.get('content-type')).toBe('image/png')
    expect(pngSize(Buffer.from(await response.arrayBuffer()))).toBe('180x180')
    await page.close()
  })
})
