/**
 * `app.coldStartRatio`: an offline cold start of the installed app to its sign-in screen showing
 * its people, over the same cold start of a blank Vite page, in headless Chromium (goal ≤ 2).
 *
 * Both pages are served by the project's own server (src/server/app.ts, as in the e2e tests)
 * and installed the same way, each in a browser profile of its own: a first visit fills the
 * service worker's precache and, for the app, seeds the demo setting. Each run then launches
 * the browser afresh on that profile with the network cut, as a tablet opens the app again
 * after it was closed: the renderer, the service worker and the page's scripts all start cold,
 * from the profile's caches on disk. The time of a run is from the navigation's start to the
 * moment the app lists its staff (a MutationObserver installed before the page loads), or to
 * the blank page's load event. Nothing of the harness runs in the page while it is timed: the
 * page reports by a console message (a polling page function would add Playwright's injected
 * script and a per-frame poll to the app's time only). The runs alternate between the two pages; the figure is the
 * ratio of the medians. The blank page is built in the same run (Vite, vite-plugin-pwa with
 * the app's Workbox settings), so the ratio does not depend on the machine's speed alone.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext } from 'playwright-core'
import { build } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'
import { CHROMIUM_ARGS, findChromium } from '../e2e/support/chromium.ts'
import { startAppServer, type AppServer } from '../e2e/support/appServer.ts'

const RUNS = 9
/** The app's sign-in screen lists its people as these buttons (SignInScreen.tsx). */
const PEOPLE_SHOWN = '.sign-in__name'

type Timed = { __coldStartShownAt?: number; __coldStartLoaded?: boolean }
/** What a page logs once it has shown what it is timed to and its load event is past. */
const READY_MESSAGE = 'consentlens-bench: ready'

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

/** A browser on `profile` (its own user data folder), as a tablet's browser with its storage. */
function launchOn(profile: string, offline: boolean): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    args: CHROMIUM_ARGS,
    offline,
    viewport: { width: 1024, height: 768 },
  })
}

/** First visit (fills the precache; the app seeds its demo), then the browser closes. */
async function install(profile: string, url: string, ready: string): Promise<void> {
  const context = await launchOn(profile, false)
  try {
    const page = await context.newPage()
    await page.goto(url)
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 60_000,
    })
    await page.locator(ready).first().waitFor({ timeout: 60_000 })
  } finally {
    await context.close()
  }
}

/**
 * One cold start: the browser launched afresh on the installed profile with the network cut,
 * time from the navigation's start to `ready` shown and the load event both past.
 */
async function coldStart(profile: string, url: string, ready: string): Promise<number> {
  const context = await launchOn(profile, true)
  try {
    // The page tells when it is ready by a console message: waiting with a page function
    // (waitForFunction) would inject Playwright's own script and poll on every frame while
    // the app is still starting (its list comes after the load event; the blank page is done
    // by then), timing the harness along with the app.
    await context.addInitScript(
      ({ selector, done }: { selector: string; done: string }) => {
        // No named functions in here: tsx would wrap them in a helper the page does not have.
        const timed = window as unknown as Timed
        const observer = new MutationObserver(() => {
          if (timed.__coldStartShownAt !== undefined || document.querySelector(selector) === null)
            return
          timed.__coldStartShownAt = performance.now()
          observer.disconnect()
          if (timed.__coldStartLoaded === true) console.log(done)
        })
        observer.observe(document, { childList: true, subtree: true })
        window.addEventListener('load', () => {
          // After the load event's handlers, so that loadEventEnd is set.
          setTimeout(() => {
            timed.__coldStartLoaded = true
            if (timed.__coldStartShownAt !== undefined) console.log(done)
          })
        })
      },
      { selector: ready, done: READY_MESSAGE },
    )
    const page = await context.newPage()
    const shownAndLoaded = page.waitForEvent('console', {
      predicate: (message) => message.text() === READY_MESSAGE,
      timeout: 60_000,
    })
    await page.goto(url, { waitUntil: 'commit' })
    await shownAndLoaded
    const { shown, loaded, controlled } = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming
      return {
        shown: (window as unknown as Timed).__coldStartShownAt ?? NaN,
        loaded: nav.loadEventEnd,
        controlled: navigator.serviceWorker.controller !== null,
      }
    })
    if (!controlled) throw new Error(`${url} was not served by its service worker offline`)
    // Whichever comes last: the blank page is ready at its load event, the app when it lists
    // its people (after its load event: the list is read from IndexedDB).
    return Math.max(shown, loaded)
  } finally {
    await context.close()
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

export async function benchColdStart(appDist: string): Promise<Record<string, number>> {
  const work = mkdtempSync(join(tmpdir(), 'consentlens-bench-coldstart-'))
  const servers: AppServer[] = []
  try {
    const blankDir = join(work, 'blank')
    await buildBlankPage(blankDir)
    const app = await startAppServer(appDist)
    servers.push(app)
    const blank = await startAppServer(blankDir)
    servers.push(blank)
    const appProfile = join(work, 'app-profile')
    const blankProfile = join(work, 'blank-profile')
    await install(appProfile, app.url, PEOPLE_SHOWN)
    await install(blankProfile, blank.url, '#ready')
    const appTimes: number[] = []
    const blankTimes: number[] = []
    for (let run = 0; run < RUNS; run++) {
      appTimes.push(await coldStart(appProfile, app.url, PEOPLE_SHOWN))
      blankTimes.push(await coldStart(blankProfile, blank.url, '#ready'))
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
    await Promise.all(servers.map((server) => server.close()))
    rmSync(work, { recursive: true, force: true })
  }
}
