// The app loads, a service worker takes control on the first visit, and from then on the app
// opens with the network cut: the promise a nursery tablet depends on.
import { describe, expect, it } from 'vitest'
import { waitForServiceWorkerControl } from './support/page.ts'
import { DEMO, openFromHome, signIn } from './support/signIn.ts'
import { freshTabletPerTest, servedAppPerFile } from './support/tablet.ts'

const app = servedAppPerFile()
const tablet = freshTabletPerTest(app)

describe('the app shell', () => {
  it('loads and asks who is using the tablet', async () => {
    const { page } = tablet
    await page.goto(app.url)
    await page.getByRole('heading', { level: 1, name: 'Who is using the tablet?' }).waitFor()
    await page.getByRole('banner').getByText('ConsentLens').waitFor()
    expect(await page.getByRole('status').filter({ hasText: 'Online' }).count()).toBe(1)
  })

  it('is controlled by the service worker on the first visit', async () => {
    const { page } = tablet
    await page.goto(app.url)
    await waitForServiceWorkerControl(page)
    await signIn(page, DEMO.keyworker)
    await openFromHome(page, /This tablet/)
    const appSaved = page.getByTestId('app-saved')
    await appSaved.getByText('Yes', { exact: true }).waitFor()
  })
})

describe('offline', () => {
  it('reloads and works with the network cut', async () => {
    const { context, page } = tablet
    await page.goto(app.url)
    await waitForServiceWorkerControl(page)

    await context.setOffline(true)
    await page.reload()
    // Chromium reports navigator.onLine as true after a reload under emulation, so prove the
    // network is cut directly: the server cannot be reached, yet the app is all there.
    const reach = await page.evaluate(() =>
      fetch('/api/health', { cache: 'no-store' }).then(
        () => 'reached',
        () => 'cut',
      ),
    )
    expect(reach).toBe('cut')
    // Sign-in reads the staff from IndexedDB: the data is there as well as the app.
    await signIn(page, DEMO.keyworker)
    await openFromHome(page, /This tablet/)
    await page.getByTestId('app-saved').getByText('Yes', { exact: true }).waitFor()
  })

  it('lists the people on a relaunch from the early read, made before the app’s own code ran', async () => {
    const { context, page } = tablet
    await page.goto(app.url)
    await waitForServiceWorkerControl(page)
    await page.locator('.sign-in__name').first().waitFor()
    // The first visit found no database: the early read created none and answered null, and
    // the demo seed ran the usual way.
    type Early = { __consentlensEarlySignIn?: Promise<{ staff: unknown[] } | null> }
    const readEarly = () =>
      page.evaluate(async () => {
        const rows = await (window as unknown as Early).__consentlensEarlySignIn
        return rows === undefined ? 'no early read' : (rows?.staff.length ?? null)
      })
    expect(await readEarly()).toBeNull()

    await context.setOffline(true)
    await page.reload()
    await page.locator('.sign-in__name').first().waitFor()
    // Now it read the staff (the early script is precached, and runs first)…
    const names = await page.locator('.sign-in__name').count()
    expect(await readEarly()).toBeGreaterThanOrEqual(names)
    // …and the app still signs in from the database Dexie opened behind it.
    await signIn(page, DEMO.keyworker)
    await openFromHome(page, /This tablet/)
  })

  it('says "Offline" in words the moment the connection drops', async () => {
    const { context, page } = tablet
    await page.goto(app.url)
    await page.getByRole('status').filter({ hasText: 'Online' }).waitFor()
    await context.setOffline(true)
    await page.getByRole('status').filter({ hasText: 'Offline' }).waitFor()
  })

  it('opens a deep link from the cache with the network cut', async () => {
    const { context, page } = tablet
    await page.goto(app.url)
    await waitForServiceWorkerControl(page)

    await context.setOffline(true)
    await page.goto(`${app.url}/children/42`)
    await page.getByRole('heading', { level: 1, name: 'Who is using the tablet?' }).waitFor()
  })
})
