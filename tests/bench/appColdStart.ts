/**
 * `app.coldStartRatio`: an offline cold start of the installed app to its sign-in screen showing
 * its people, over the same cold start of a blank Vite page, in headless Chromium (goal ≤ 2).
 *
 * Both pages are served by the project's own server (src/server/app.ts, as in the e2e tests)
 * and installed the same way: a first visit fills the service worker's precache and, for the
 * app, seeds the demo setting. Then the network is cut, the service worker is stopped, and each
 * run opens a new page in that browser context: the page, its scripts and the service worker
 * all start cold, from the cache. The time of a run is from the navigation's start to the
 * moment the app lists its staff (a MutationObserver installed before the page loads), or to
 * the blank page's load event. The runs alternate between the two pages; the figure is the
 * ratio of the medians. The blank page is built in the same run (Vite, vite-plugin-pwa with
 * the app's Workbox settings), so the ratio does not depend on the machine's speed alone.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BrowserContext } from 'playwright-core'
import { build } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'
import { launchChromium } from '../e2e/support/chromium.ts'
import { startAppServer, type AppServer } from '../e2e/support/appServer.ts'

const RUNS = 7
/** The app's sign-in screen lists its people as these buttons (SignInScreen.tsx). */
const PEOPLE_SHOWN = '.sign-in__name'

type Timed = { __coldStartShownAt?: number }

async function buildBlankPage(outDir: string): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'consentlens-bench-blank-src-'))
  try {
    writeFileSync(
      join(root, 'index.html'),
      '<!doctype html><html lang="en"><head><meta charset="UTF-8" /><title>Blank</title>' +
        '<script type="module" src="./main.js"></script></head><body><p id="ready"></p></body></html>',
    )
    writeFileSync(join(root, 'main.js'), "document.getElementById('ready').textContent = 'Ready'\n")
    await build({
      configFile: false,
      root,
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true, target: 'es2022' },
      plugins: [
        VitePWA({
          injectRegister: 'script',
          registerType: 'prompt',
          manifest: false,
          workbox: {
            globPatterns: ['**/*.{js,css,html}'],
            navigateFallback: 'index.html',
            clientsClaim: true,
            skipWaiting: false,
          },
        }),
      ],
    })
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}

/** First visit (fills the precache), then the network cut: the state of an installed tablet. */
async function install(context: BrowserContext, url: string, ready: string): Promise<void> {
  const page = await context.newPage()
  await page.goto(url)
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
    timeout: 60_000,
  })
  await page.locator(ready).first().waitFor({ timeout: 60_000 })
  await page.close()
  await context.setOffline(true)
}

/** One cold start: the service worker stopped, a new page, time to `ready` from navigation. */
async function coldStart(context: BrowserContext, url: string, ready: string): Promise<number> {
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('ServiceWorker.enable')
  await cdp.send('ServiceWorker.stopAllWorkers')
  await cdp.detach()
  await page.addInitScript((selector: string) => {
    const timed = window as unknown as Timed
    const observer = new MutationObserver(() => {
      if (timed.__coldStartShownAt !== undefined || document.querySelector(selector) === null)
        return
      timed.__coldStartShownAt = performance.now()
      observer.disconnect()
    })
    observer.observe(document, { childList: true, subtree: true })
  }, ready)
  await page.goto(url)
  await page.waitForFunction(
    () => {
      const timed = window as unknown as Timed
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming
      return timed.__coldStartShownAt !== undefined && nav.loadEventEnd > 0
    },
    undefined,
    { timeout: 60_000 },
  )
  const { shown, loaded, controlled } = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming
    return {
      shown: (window as unknown as Timed).__coldStartShownAt ?? NaN,
      loaded: nav.loadEventEnd,
      controlled: navigator.serviceWorker.controller !== null,
    }
  })
  await page.close()
  if (!controlled) throw new Error(`${url} was not served by its service worker offline`)
  // Whichever comes last: the blank page is ready at its load event, the app when it lists
  // its people (after its load event: the list is read from IndexedDB).
  return Math.max(shown, loaded)
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

export async function benchColdStart(appDist: string): Promise<Record<string, number>> {
  const blankDir = mkdtempSync(join(tmpdir(), 'consentlens-bench-blank-'))
  const servers: AppServer[] = []
  const browser = await launchChromium()
  try {
    await buildBlankPage(blankDir)
    const app = await startAppServer(appDist)
    servers.push(app)
    const blank = await startAppServer(blankDir)
    servers.push(blank)
    const appContext = await browser.newContext({ viewport: { width: 1024, height: 768 } })
    const blankContext = await browser.newContext({ viewport: { width: 1024, height: 768 } })
    await install(appContext, app.url, PEOPLE_SHOWN)
    await install(blankContext, blank.url, '#ready')
    const appTimes: number[] = []
    const blankTimes: number[] = []
    for (let run = 0; run < RUNS; run++) {
      appTimes.push(await coldStart(appContext, app.url, PEOPLE_SHOWN))
      blankTimes.push(await coldStart(blankContext, blank.url, '#ready'))
    }
    const appMs = median(appTimes)
    const blankMs = median(blankTimes)
    console.log(
      `offline cold start: app ${appMs.toFixed(0)} ms to sign-in with its people, ` +
        `blank page ${blankMs.toFixed(0)} ms (medians of ${RUNS}; ` +
        `app ${appTimes.map((t) => t.toFixed(0)).join('/')}, ` +
        `blank ${blankTimes.map((t) => t.toFixed(0)).join('/')})`,
    )
    return { 'app.coldStartRatio': Math.round((appMs / blankMs) * 100) / 100 }
  } finally {
    await browser.close()
    await Promise.all(servers.map((server) => server.close()))
    rmSync(blankDir, { recursive: true, force: true })
  }
}
