// Capture in a real Chromium with its fake camera: what is allowed is saved and listed, what
// the policy forbids is never stored, partial consent saves only what is permitted, a capture
// made offline survives a reload, and a photo's GPS position never reaches storage.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { hasGpsExif, withGpsExif } from '../support/jpegExif.ts'
import { startAppServer, type AppServer } from './support/appServer.ts'
import {
  browserJpeg,
  confirmAll,
  personalMetadata,
  storedImage,
  storedSummary,
  tag,
  takePhoto,
} from './support/capture.ts'
import { launchChromium } from './support/chromium.ts'
import {
  cspViolations,
  recordCspViolations,
  screenshotPath,
  waitForServiceWorkerControl,
} from './support/page.ts'
import { DEMO, openFromHome, signIn } from './support/signIn.ts'

let browser: Browser
let server: AppServer
let context: BrowserContext
let page: Page

beforeAll(async () => {
  browser = await launchChromium({ fakeCamera: true })
  server = await startAppServer()
})
afterAll(async () => {
  await browser.close()
  await server.close()
})
beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1024, height: 768 } })
  await recordCspViolations(context)
  page = await context.newPage()
  await page.goto(server.url)
})
afterEach(async () => {
  // The server's Content-Security-Policy refuses nothing the capture needs (camera, worker,
  // blob: thumbnails, IndexedDB): every test here runs under it.
  expect(await cspViolations(page)).toEqual([])
  await context.close()
})

async function openCapture(who: { name: string; pin: string }): Promise<void> {
  await signIn(page, who)
  await openFromHome(page, /Take a photo/)
  await page.getByRole('heading', { level: 1, name: 'Take a photo' }).waitFor()
}

const saveButton = () => page.getByRole('button', { name: 'Save photo', exact: true })

describe('capture', () => {
  it('saves an allowed photo and lists it as a sample photo kept on the tablet', async () => {
    await openCapture(DEMO.practitioner)
    await page.screenshot({ path: screenshotPath('capture-1024x768-camera') })
    await takePhoto(page)
    await tag(page, 'Otis')
    await confirmAll(page)
    await page.getByRole('heading', { name: 'Can be saved' }).waitFor()
    await page.screenshot({ path: screenshotPath('capture-1024x768-allowed') })
    await saveButton().click()
    await page
      .getByRole('status')
      .filter({ hasText: /Saved for learning journey/ })
      .waitFor()

    const stored = await storedSummary(page)
    expect(stored.photos).toHaveLength(1)
    expect(stored.photoImages).toBe(1)
    expect(stored.auditTypes).toContain('photo-saved')

    await openFromHome(page, /Photos on this tablet/)
    const item = page.getByRole('listitem').filter({ hasText: 'Otis Pemberton' })
    // The local demo's photos stay on the tablet as sample data (decision 0015).
    await item.getByText('Sample photo: kept on this tablet').waitFor()
    expect(await item.getByRole('img').count()).toBe(1)
    await page.screenshot({ path: screenshotPath('photos-1024x768') })
  })

  it('shows the toilets and nappy changing, and never lets them be chosen', async () => {
    await openCapture(DEMO.practitioner)
    for (const place of ['Toilets', 'Nappy changing']) {
      const radio = page.getByRole('radio', { name: new RegExp(place) })
      expect(await radio.isDisabled()).toBe(true)
      await radio.click({ force: true })
      expect(await radio.isChecked()).toBe(false)
    }
    await page.getByText('Never: no photos in toilets or changing areas').first().waitFor()
  })

  it('[consent-refused] blocks a group photo with a child whose group consent is refused; nothing stored', async () => {
    await openCapture(DEMO.keyworker)
    await takePhoto(page)
    await tag(page, 'Noah', 'Ava')
    await confirmAll(page)
    await page.getByRole('heading', { name: 'Cannot be saved as it is' }).waitFor()
    await page.getByText(/Noah Birchwood: parents refused consent for group photos/).waitFor()
    expect(await saveButton().isDisabled()).toBe(true)
    for (const [width, height] of [
      [1024, 768],
      [1366, 1024],
      [768, 1024],
    ] as const) {
      await page.setViewportSize({ width, height })
      await page.screenshot({ path: screenshotPath(`capture-${width}x${height}-blocked`) })
    }
    expect((await storedSummary(page)).blobs).toBe(0)

    // Tagged and ticked: Discard asks first.
    await page.getByRole('button', { name: 'Discard' }).click()
    await page.getByRole('button', { name: 'Discard the photo' }).click()
    await page.getByRole('button', { name: 'Take photo', exact: true }).waitFor()
    const stored = await storedSummary(page)
    expect(stored.photos).toEqual([])
    expect(stored.photoImages).toBe(0)
    expect(stored.blobs).toBe(0)
    expect(stored.blockedRules).toEqual([['consent-refused']])
  })

  it('asks before a tag is removed from a blocked photo, and saves "for displays only"', async () => {
    await openCapture(DEMO.keyworker)
    await takePhoto(page)
    await tag(page, 'Noah', 'Ava')
    await confirmAll(page)
    await page.getByLabel('displays in the setting').check()
    await tag(page, 'Noah')
    await page.getByRole('alertdialog').getByText('Is Noah definitely not in this photo?').waitFor()
    await page.getByRole('button', { name: 'Keep the tag' }).click()
    const narrow = page.getByRole('button', { name: 'Save for displays in the setting only' })
    await narrow.click()
    await page
      .getByRole('status')
      .filter({ hasText: /Saved for displays in the setting/ })
      .waitFor()
    const stored = await storedSummary(page)
    expect(stored.photos.map((p) => p.purposes)).toEqual([['display']])
    expect(stored.photos[0]?.childIds).toHaveLength(2)
  })

  it('keeps a photo taken offline through a reload', async () => {
    await waitForServiceWorkerControl(page)
    await context.setOffline(true)
    await openCapture(DEMO.practitioner)
    await takePhoto(page)
    await tag(page, 'Poppy')
    await confirmAll(page)
    await saveButton().click()
    await page.getByRole('status').filter({ hasText: /Saved/ }).waitFor()
    await page.reload()
    await signIn(page, DEMO.practitioner)
    await openFromHome(page, /Photos on this tablet/)
    await page.getByRole('listitem').filter({ hasText: 'Poppy Quarrie' }).waitFor()
  })

  it('stores a photo from the camera app without its GPS position', async () => {
    await openCapture(DEMO.practitioner)
    const withGps = withGpsExif(await browserJpeg(page))
    expect(hasGpsExif(withGps)).toBe(true)
    await page.locator('input[type=file]').setInputFiles({
      name: 'IMG_0001.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.from(withGps),
    })
    await page.getByRole('img', { name: 'The photo just taken' }).waitFor()
    await tag(page, 'Otis')
    await confirmAll(page)
    await saveButton().click()
    await page.getByRole('status').filter({ hasText: /Saved/ }).waitFor()
    const [photo] = (await storedSummary(page)).photos
    const bytes = await storedImage(page, photo?.id ?? '')
    expect(bytes.length).toBeGreaterThan(0)
    expect(hasGpsExif(bytes)).toBe(false)
    expect(personalMetadata(bytes)).toEqual([])
  })

  it('keeps a held photo and its tags through a lock, with the camera off meanwhile', async () => {
    await openCapture(DEMO.practitioner)
    await takePhoto(page)
    await tag(page, 'Otis')
    await page.getByRole('button', { name: 'Switch user' }).click()
    await page.getByRole('heading', { level: 1, name: 'Who is using the tablet?' }).waitFor()
    const streaming = await page.evaluate(() =>
      Array.from(document.querySelectorAll('video')).some((v) => v.srcObject !== null),
    )
    expect(streaming).toBe(false)
    await page.getByRole('button', { name: new RegExp(DEMO.practitioner.name) }).click()
    await page.getByLabel('PIN (4 to 6 digits)').fill(DEMO.practitioner.pin)
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await page.getByRole('img', { name: 'The photo just taken' }).waitFor()
    const otis = page.getByRole('button', { name: /^Otis / })
    expect(await otis.getAttribute('aria-pressed')).toBe('true')
  })
})
