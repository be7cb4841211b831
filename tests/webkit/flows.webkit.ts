// The core flows in WebKit (Safari's engine, WebKitGTK 2.50): sign in, the board, capture and
// save (mock camera, and the file input with a GPS-tagged JPEG), and reload with the network
// cut. The same flows run in Chromium in tests/e2e; this file proves them in the engine iPads
// use. Each test gets a new browser with a new, empty data store: on disk (a normal Safari
// window, our launcher), except the private-mode test, which uses MiniBrowser's ephemeral
// store (Safari's Private Browsing), where WebKit refuses photos in IndexedDB.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { hasGpsExif, withGpsExif } from '../support/jpegExif.ts'
import { startAppServer, type AppServer } from '../e2e/support/appServer.ts'
import { DEMO } from '../e2e/support/signIn.ts'
import { startNetworkSwitch, type NetworkSwitch } from './support/networkSwitch.ts'
import { startWebKit, WINDOW, type Store, type WebKit } from './support/webKit.ts'
import type { WebKitPage } from './support/webKitPage.ts'
import { isElementRef } from './support/webDriver.ts'
import {
  browserJpeg,
  confirmAll,
  openFromHome,
  signIn,
  storedImage,
  storedSummary,
  tag,
  takePhoto,
} from './support/appFlows.ts'

/** The app's words (src/db/storageFailure.ts PHOTOS_REFUSED), matched loosely. */
const PRIVATE_MODE = /private mode that cannot keep photos/

const SCREENSHOT_DIR = join(tmpdir(), 'consentlens-screenshots')

let webKit: WebKit
let server: AppServer
let network: NetworkSwitch
let page: WebKitPage
let files: string

/** What beforeAll started, stopped in reverse order even when a later start failed. */
const stops: (() => Promise<void> | void)[] = []

beforeAll(async () => {
  files = mkdtempSync(join(tmpdir(), 'consentlens-webkit-'))
  stops.push(() => {
    rmSync(files, { recursive: true, force: true })
  })
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  server = await startAppServer()
  stops.push(() => server.close())
  network = await startNetworkSwitch(new URL(server.url))
  stops.push(() => network.close())
  webKit = await startWebKit()
  stops.push(() => webKit.stop())
})
afterAll(async () => {
  for (const stop of stops.reverse()) await stop()
})
beforeEach(() => {
  network.restore()
})
afterEach(async () => {
  await webKit.close(page)
})

/** A new browser (a normal window unless `store` says otherwise) at the app. */
async function openApp(store: Store = 'persistent'): Promise<void> {
  page = await webKit.open(store)
  await page.session.navigate(network.url)
}

async function screenshot(name: string): Promise<void> {
  const png = await page.session.screenshot()
  writeFileSync(join(SCREENSHOT_DIR, `webkit-${name}-${WINDOW.width}x${WINDOW.height}.png`), png)
}

async function openCapture(who: { name: string; pin: string }): Promise<void> {
  await openApp()
  await signIn(page, who)
  await openFromHome(page, /Take a photo/)
  await page.find('heading', 'Take a photo', { level: 1 })
}

describe('WebKit', () => {
  it('signs in and shows who can be photographed', async () => {
    await openApp()
    await page.waitForServiceWorkerControl()
    await signIn(page, DEMO.keyworker)
    await openFromHome(page, /Who can be photographed/)
    await page.find('heading', /Caterpillars: \d+ children/, { level: 2 })
    await page.find('button', 'Ava Appleby')
    await screenshot('board')
  })

  it('takes a photo with the camera, tags it, and saves it', async () => {
    await openCapture(DEMO.practitioner)
    await takePhoto(page)
    await tag(page, 'Otis')
    await confirmAll(page)
    await page.find('heading', 'Can be saved')
    await screenshot('capture')
    await page.click('button', 'Save photo')
    await page.find('status', /Saved for learning journey/)

    const stored = await storedSummary(page)
    expect(stored.photos).toHaveLength(1)
    expect(stored.photoImages).toBe(1)
    expect(stored.auditTypes).toContain('photo-saved')
  })

  it('stores a photo from the file input without its GPS position', async () => {
    await openCapture(DEMO.practitioner)
    // The setting's places (and its default purposes) have loaded.
    await page.find('radio', /Butterflies room/)
    const withGps = withGpsExif(await browserJpeg(page))
    expect(hasGpsExif(withGps)).toBe(true)
    const path = join(files, 'IMG_0001.jpg')
    writeFileSync(path, withGps)
    const input = await page.session.waitFor(
      'return document.querySelector("input[type=file]")',
      [],
      { what: 'the file input' },
    )
    if (!isElementRef(input)) throw new Error('The file input is not an element')
    // WebDriver's way to choose a file: type its path into the file input.
    await page.session.type(input, path)
    await page.find('img', 'The photo just taken')
    await tag(page, 'Otis')
    await confirmAll(page)
    await page.check(/^learning journey$/)
    await page.click('button', 'Save photo')
    await page.find('status', /Saved/)
    const [photo] = (await storedSummary(page)).photos
    const bytes = await storedImage(page, photo?.id ?? '')
    expect(bytes.length).toBeGreaterThan(0)
    expect(hasGpsExif(bytes)).toBe(false)
  })

  it('reloads and works with the network cut', async () => {
    await openApp()
    await page.waitForServiceWorkerControl()
    network.cut()
    await page.reload()
    // The relay refuses every connection: proven from here, because in WebKit a page's own
    // fetch through a cut connection can hang past every timeout instead of failing.
    const reach = await fetch(`${network.url}/api/health`).then(
      () => 'reached',
      () => 'cut',
    )
    expect(reach).toBe('cut')
    // Sign-in reads the staff from IndexedDB: the data is there as well as the app.
    await signIn(page, DEMO.keyworker)
    await openFromHome(page, /Who can be photographed/)
    await page.find('heading', /Caterpillars: \d+ children/, { level: 2 })
  })
  it('says at start that a private window cannot keep photos, and says it again at Save', async () => {
    await openApp('ephemeral')
    await page.find('heading', 'Who is using the tablet?', { level: 1, timeoutMs: 90_000 })
    await page.find('alert', PRIVATE_MODE)
    await signIn(page, DEMO.practitioner)
    await openFromHome(page, /Take a photo/)
    await takePhoto(page)
    await tag(page, 'Otis')
    await confirmAll(page)
    await page.click('button', 'Save photo')
    // The capture's own error, in the same words: not "reload", which cannot help.
    await page.find('alert', PRIVATE_MODE, { within: '.capture-decision' })
    const stored = await storedSummary(page)
    expect(stored.photos).toEqual([])
    expect(stored.photoImages).toBe(0)
  })
})
