// A start never moves what is on screen under a finger. The sign-in's names and keypad are on
// screen before the database's chunk has answered (decision 0037); whatever arrives later (the
// sync bar's words) fills a place kept for it. A bar that came a moment late pushed the keypad
// down by a line, so a tap aimed at "Sign in" landed above it (WebKit's flows caught it: the
// PIN was never checked). Measured with the browser's own layout-shift entries: none may appear.
import type { Page, Route } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { formatDayTime } from '../../src/app/components/formatDate.ts'
import type { SyncFacts } from '../../src/app/sync/syncFacts.ts'
import { syncSummary, type SyncSummary } from '../../src/app/sync/syncSummary.ts'
import { INITIAL_STATUS, type SyncPhase } from '../../src/sync/syncStatus.ts'
import { LANDSCAPE, PORTRAIT, servedAppPerFile, type Viewport } from './support/tablet.ts'

const app = servedAppPerFile()
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()))
})

type Shift = { value: number; moved: string[] }

/** Records every layout shift from the page's first frame (before any script of the app). */
function recordShifts(): void {
  const shifts: Shift[] = []
  Object.assign(window, { __layoutShifts: shifts })
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const shift = entry as PerformanceEntry & {
        value: number
        sources?: {
          node?: Node | null
          previousRect: DOMRectReadOnly
          currentRect: DOMRectReadOnly
        }[]
      }
      shifts.push({
        value: shift.value,
        moved: (shift.sources ?? []).map((source) => {
          const node = source.node
          const name = node instanceof Element ? `${node.tagName}.${node.className}` : 'text'
          return `${name}: y ${String(source.previousRect.y)} → ${String(source.currentRect.y)}`
        }),
      })
    }
  }).observe({ type: 'layout-shift', buffered: true })
}

/** Sign-in with its people listed and the sync bar's words in place: everything a start draws. */
async function startDrawn(page: Page): Promise<void> {
  await page.locator('.sign-in__name').first().waitFor()
  await page.waitForFunction(
    () => (document.querySelector('.sync-bar__state')?.textContent ?? '').trim() !== '',
  )
  // One more frame, so that a shift the last change caused has been reported.
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  )
}

const shiftsOf = (page: Page) =>
  page.evaluate(() => (window as unknown as { __layoutShifts: Shift[] }).__layoutShifts)

async function newTablet(viewport: Viewport): Promise<Page> {
  // No service worker: the chunk held back below must be held at the network.
  const context = await app.browser.newContext({ viewport, serviceWorkers: 'block' })
  closers.push(() => context.close())
  await context.addInitScript(recordShifts)
  return context.newPage()
}

/** Every set of words the bar can show (but a server's own error words), at their longest. */
function everySummary(): SyncSummary[] {
  const enrolled: SyncFacts = {
    enrolment: { serverUrl: 'https://nursery.example', deviceId: 'd', settingId: 's' },
    settingName: 'Acorns',
    isDemo: false,
    enrolledAt: '2026-11-28T08:00:00.000Z',
    syncedAt: '2026-11-28T15:45:00.000Z',
    revoked: false,
    waitingPhotos: 1288,
  }
  const phases: SyncPhase[] = ['not-enrolled', 'idle', 'syncing', 'offline', 'revoked']
  const summaries = [
    ...phases.map((phase) => ({ ...INITIAL_STATUS, phase })),
    { ...INITIAL_STATUS, phase: 'waiting-to-retry' as const, error: 'x', errorCode: 'offline' },
    { ...INITIAL_STATUS, phase: 'waiting-to-retry' as const },
  ].map((status) => syncSummary(status, enrolled, formatDayTime))
  for (const isDemo of [true, false]) {
    summaries.push(
      syncSummary(INITIAL_STATUS, { ...enrolled, enrolment: null, isDemo }, formatDayTime),
    )
  }
  return summaries
}

describe('a start', () => {
  for (const [shape, viewport] of [
    ['landscape', LANDSCAPE],
    ['portrait', PORTRAIT],
  ] as const) {
    it(`moves nothing on screen, the first and the next (${shape})`, async () => {
      const page = await newTablet(viewport)
      await page.goto(app.url)
      await startDrawn(page)
      expect(await shiftsOf(page)).toEqual([])

      // The next start is drawn from sign-in's snapshot, the database's chunk still on its way.
      await page.waitForFunction(() => localStorage.getItem('consentlens.signInSnapshot') !== null)
      let release: (() => void) | undefined
      const released = new Promise<void>((resolve) => {
        release = resolve
      })
      await page.route(/\/assets\/database-[^/]+\.js$/, async (route: Route) => {
        await released
        await route.continue()
      })
      await page.reload()
      await page.locator('.sign-in__name').first().waitFor()
      // The bar has its place before it has its words.
      const before = await page.locator('.sync-bar').boundingBox()
      expect(before).not.toBeNull()
      release?.()
      await startDrawn(page)
      expect(await page.locator('.sync-bar').boundingBox()).toEqual(before)
      expect(await shiftsOf(page)).toEqual([])
    })
  }

  for (const [shape, viewport] of [
    ['landscape', LANDSCAPE],
    ['portrait', PORTRAIT],
  ] as const) {
    it(`keeps the sync bar's height whatever it says (${shape})`, async () => {
      const page = await newTablet(viewport)
      await page.goto(app.url)
      await startDrawn(page)
      const height = (await page.locator('.sync-bar').boundingBox())?.height
      const summaries = everySummary()
      // Each set of words, put in the bar as SyncStatusBar draws them.
      const heights = await page.evaluate((all) => {
        const bar = document.querySelector('.sync-bar')
        const state = bar?.querySelector('.sync-bar__state span')
        const facts = bar?.querySelector('.sync-bar__facts')
        if (!bar || !state || !facts) throw new Error('No sync bar')
        return all.map((summary) => {
          state.textContent = summary.text
          facts.replaceChildren(
            ...[summary.waiting, summary.lastSync].flatMap((text) => {
              if (text === null) return []
              const span = document.createElement('span')
              span.textContent = text
              return [span]
            }),
          )
          return `${summary.text} | ${summary.waiting}: ${String(bar.getBoundingClientRect().height)}`
        })
      }, summaries)
      expect(heights).toEqual(
        summaries.map((summary) => `${summary.text} | ${summary.waiting}: ${String(height)}`),
      )
    })
  }
})
