// End to end, as the manager does it on a tablet: record a consent form for a child
// with none, withdraw it again, and watch the room board follow; then cut the network, reload
// and find all of it still there (it lives in IndexedDB, the app in the service worker cache).
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { saveAllGrantedConsent } from './support/managerForms.ts'
import { waitForServiceWorkerControl } from './support/page.ts'
import { DEMO, openFromHome, signIn } from './support/signIn.ts'
import { freshTabletPerTest, servedAppPerFile } from './support/tablet.ts'

const ESME = 'Esme Kirkby'

const app = servedAppPerFile()
const tablet = freshTabletPerTest(app)

function strip(p: Page) {
  return p.getByRole('region', { name: /Not to be photographed now/ })
}

/** Esme's line in the strip (Finn Lowther's learning-journey consent is withdrawn too). */
function esmeInStrip(p: Page) {
  return strip(p).getByRole('listitem').filter({ hasText: ESME })
}

async function openBoard(p: Page): Promise<void> {
  await openFromHome(p, /Who can be photographed/)
  await p.getByRole('heading', { level: 2, name: /Butterflies: \d+ children/ }).waitFor()
}

async function recordEsmeConsent(p: Page): Promise<void> {
  await p.getByRole('button', { name: 'Record consent from a form' }).click()
  await p.getByRole('heading', { level: 1, name: `Record consent for ${ESME}` }).waitFor()
  await saveAllGrantedConsent(p, 'Kim Kirkby', 'E2E-1')
  await p.getByRole('heading', { level: 1, name: `Consent recorded for ${ESME}` }).waitFor()
  await p.getByRole('button', { name: /Back to Esme/ }).click()
}

describe('recording and withdrawing consent', () => {
  it('records a form, withdraws it, and the board follows, offline too', async () => {
    const { context, page } = tablet
    await page.goto(app.url)
    await waitForServiceWorkerControl(page)
    await signIn(page, DEMO.manager)
    await openBoard(page)
    await strip(page).getByText(ESME).waitFor()
    expect(
      await strip(page)
        .getByText(/No consent on record/)
        .count(),
    ).toBe(1)

    await page.getByRole('button', { name: ESME, exact: true }).click()
    await page.getByRole('heading', { level: 1, name: ESME }).waitFor()
    await recordEsmeConsent(page)
    await page.getByRole('heading', { level: 2, name: 'May be photographed' }).waitFor()

    await openBoard(page)
    await strip(page).getByText(ESME).waitFor({ state: 'detached' })

    await page.getByRole('button', { name: ESME, exact: true }).click()
    await page.getByRole('button', { name: 'Withdraw consent' }).click()
    await page.getByRole('button', { name: 'All purposes' }).click()
    expect(await page.getByLabel('Asked by').inputValue()).toBe('Kim Kirkby')
    await page.getByRole('button', { name: 'Withdraw now' }).click()
    await page.getByText(/Consent withdrawn for every purpose/).waitFor()
    await page.getByRole('heading', { level: 2, name: 'Not to be photographed now' }).waitFor()

    await openBoard(page)
    await esmeInStrip(page)
      .getByText(/Consent withdrawn for learning journey/)
      .waitFor()

    await context.setOffline(true)
    await page.reload()
    // The network really is cut (this Chromium's navigator.onLine stays true after setOffline,
    // so the header's "Offline" is not the proof): the app and its data come from the tablet.
    const health = await page.evaluate(() =>
      fetch('/api/health').then(
        () => 'reached',
        () => 'failed',
      ),
    )
    expect(health).toBe('failed')
    await signIn(page, DEMO.manager)
    await openBoard(page)
    await esmeInStrip(page)
      .getByText(/Consent withdrawn for learning journey/)
      .waitFor()
    await page.getByRole('button', { name: ESME, exact: true }).click()
    const lj = page.getByRole('region', { name: /^Learning journey/ })
    await lj.locator('.consent-badge[data-status="withdrawn"]').waitFor()
    await lj.getByText(/History \(2 records\)/).click()
    await lj.getByText('Counts now').waitFor()
    await lj.getByText(/form E2E-1/).waitFor()
  })
})
