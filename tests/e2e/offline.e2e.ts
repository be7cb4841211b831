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

  it('lists the people on a relaunch from their snapshot while IndexedDB has not answered', async () => {
    const { context, page } = tablet
    await page.goto(app.url)
    await waitForServiceWorkerControl(page)
    await page.locator('.sign-in__name').first().waitFor()
    const names = await page.locator('.sign-in__name').allTextContents()
    // Every IndexedDB open of the next start waits until the test lets it through: an open
    // that has not answered yet, as on a slow tablet, held for as long as the test likes.
    await context.addInitScript(() => {
      type Held = { __releaseIndexedDb?: () => void }
      const factory = IDBFactory.prototype
      const open = factory.open.bind(indexedDB)
      const gate = new Promise<void>((resolve) => {
        ;(window as Held).__releaseIndexedDb = resolve
      })
      const types = ['success', 'error', 'upgradeneeded', 'blocked'] as const
      factory.open = (...args: [string, number?]) => {
        let request: IDBOpenDBRequest | undefined
        const held: Record<string, ((event: Event) => void) | null> = {}
        const proxy = {
          get result() {
            return request?.result
          },
          get error() {
            return request?.error ?? null
          },
          get transaction() {
            return request?.transaction ?? null
          },
          get readyState() {
            return request?.readyState ?? 'pending'
          },
        } as Record<string, unknown>
        for (const type of types) {
          Object.defineProperty(proxy, `on${type}`, {
            get: () => held[type] ?? null,
            set: (handler: ((event: Event) => void) | null) => {
              held[type] = handler
            },
          })
        }
        void gate.then(() => {
          request = open(...args)
          for (const type of types)
            request.addEventListener(type, (event) => {
              held[type]?.call(proxy, event)
            })
        })
        return proxy as unknown as IDBOpenDBRequest
      }
    })
    await context.setOffline(true)
    await page.reload()
    await page.locator('.sign-in__name').first().waitFor()
    // Listed, and a tap chooses, with no answer from IndexedDB yet.
    expect(await page.locator('.sign-in__name').allTextContents()).toEqual(names)
    await page.getByRole('button', { name: new RegExp(DEMO.keyworker.name) }).click()
    await page.getByLabel('PIN (4 to 6 digits)').fill(DEMO.keyworker.pin)
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    // The PIN is checked against IndexedDB: nobody is in until it answers.
    await page.getByRole('button', { name: 'Checking…' }).waitFor()
    expect(await page.getByRole('heading', { level: 1, name: /^Hello, / }).count()).toBe(0)
    await page.evaluate(() => {
      ;(window as { __releaseIndexedDb?: () => void }).__releaseIndexedDb?.()
    })
    await page.getByRole('heading', { level: 1, name: /^Hello, / }).waitFor()
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
