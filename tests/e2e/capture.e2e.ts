// Capture in a real Chromium with its fake camera: what is allowed is saved and listed, what
// the policy forbids is never stored, partial consent saves only what is permitted, a capture
// made offline survives a reload, and a photo's GPS position never reaches storage.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { hasGpsExif, withGpsExif } from '../support/jpegExif.ts'
import {
  browserJpeg,
  confirmAll,
  openCapture,
  personalMetadata,
  storedImage,
  storedSummary,
  tag,
  takePhoto,
} from './support/capture.ts'
import { cspViolations, screenshotPath, waitForServiceWorkerControl } from './support/page.ts'
import { DEMO, openFromHome, signIn } from './support/signIn.ts'
import { freshTabletPerTest, servedAppPerFile } from './support/tablet.ts'

const app = servedAppPerFile({ fakeCamera: true })
const tablet = freshTabletPerTest(app, { recordCsp: true })
beforeEach(async () => {
  await tablet.page.goto(app.url)
})
// Registered after the tablet's own afterEach, so it runs before the context closes.
afterEach(async () => {
  // The server's Content-Security-Policy refuses nothing the capture needs (camera, worker,
  // blob: thumbnails, IndexedDB): every test here runs under it.
  expect(await cspViolations(tablet.page)).toEqual([])
})

/** Signs `who` in and opens the capture screen. */
async function signInToCapture(who: { name: string; pin: string }): Promise<void> {
  await signIn(tablet.page, who)
  await openCapture(tablet.page)
}

const saveButton = () => tablet.page.getByRole('button', { name: 'Save photo', exact: true })

describe('capture', () => {
  it('saves an allowed photo and lists it as a sample photo kept on the tablet', async () => {
    const { page } = tablet
    await signInToCapture(DEMO.practitioner)
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
    const { page } = tablet
    await signInToCapture(DEMO.practitioner)
    for (const place of ['Toilets', 'Nappy changing']) {
      const radio = page.getByRole('radio', { name: new RegExp(place) })
      expect(await radio.isDisabled()).toBe(true)
      await radio.click({ force: true })
      expect(await radio.isChecked()).toBe(false)
    }
    await page.getByText('Never: no photos in toilets or changing areas').first().waitFor()
  })

  it('[consent-refused] blocks a group photo with a child whose group consent is refused; nothing stored', async () => {
    const { page } = tablet
    await signInToCapture(DEMO.keyworker)
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
    const { page } = tablet
    await signInToCapture(DEMO.keyworker)
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
    const { context, page } = tablet
    await waitForServiceWorkerControl(page)
    await context.setOffline(true)
    await signInToCapture(DEMO.practitioner)
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
    const { page } = tablet
    await signInToCapture(DEMO.practitioner)
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
    const { page } = tablet
    await signInToCapture(DEMO.practitioner)
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
