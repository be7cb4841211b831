// A cold start runs the app's first script from V8's code cache instead of compiling it again
// (decision 0033): Chromium keeps compiled code for classic scripts only, and makes it for a
// classic script the service worker precaches while it installs. The browser is launched afresh
// on the installed profile, offline, as a tablet reopens the app: a reload in the same browser
// would find the script in the renderer's memory and prove nothing about the cache.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startAppServer, type AppServer } from './support/appServer.ts'
import { CHROMIUM_ARGS, findChromium } from './support/chromium.ts'
import { waitForServiceWorkerControl } from './support/page.ts'
import { DEMO, openFromHome, signIn } from './support/signIn.ts'

type TraceEvent = { name: string; args?: { data?: Record<string, unknown> } }

let server: AppServer
let profile: string

beforeAll(async () => {
  server = await startAppServer()
  profile = mkdtempSync(join(tmpdir(), 'consentlens-code-cache-'))
})
afterAll(async () => {
  await server.close()
  rmSync(profile, { recursive: true, force: true })
})

function launch(offline: boolean): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    args: CHROMIUM_ARGS,
    offline,
  })
}

describe('a cold start', () => {
  it('runs the first script from the code cache the install made, and signs in', async () => {
    const install = await launch(false)
    let firstScript: string
    try {
      const page = await install.newPage()
      await page.goto(server.url)
      await waitForServiceWorkerControl(page)
      await page.locator('.sign-in__name').first().waitFor()
      // The page's scripts: the early read (a module of a few kB) and the first chunk, classic.
      const scripts = await page.evaluate(() =>
        [...document.scripts].map((script) => ({ src: script.src, module: script.type })),
      )
      const classic = scripts.filter((script) => script.src !== '' && script.module === '')
      expect(classic).toHaveLength(1)
      firstScript = classic[0]!.src
    } finally {
      await install.close()
    }

    const relaunch = await launch(true)
    try {
      const page = relaunch.pages()[0] ?? (await relaunch.newPage())
      const cdp = await relaunch.newCDPSession(page)
      const events: TraceEvent[] = []
      cdp.on('Tracing.dataCollected', (batch) =>
        events.push(...(batch.value as unknown as TraceEvent[])),
      )
      const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve))
      await cdp.send('Tracing.start', { categories: 'v8', transferMode: 'ReportEvents' })
      await page.goto(server.url)
      await page.locator('.sign-in__name').first().waitFor()
      await cdp.send('Tracing.end')
      await complete

      const compiled = events.filter(
        (event) => event.name === 'v8.compile' && event.args?.data?.url === firstScript,
      )
      expect(compiled).toHaveLength(1)
      expect(compiled[0]!.args!.data).toMatchObject({ cacheRejected: false })
      expect(compiled[0]!.args!.data!.consumedCacheSize).toBeGreaterThan(0)

      // And the app it started works: a person signs in, offline.
      await signIn(page, DEMO.keyworker)
      await openFromHome(page, /This tablet/)
    } finally {
      await relaunch.close()
    }
  }, 120_000)
})
