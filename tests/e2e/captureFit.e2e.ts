// The capture screen on a tablet held either way, on a bad day: seven children not to be
// photographed, long names, a parent's condition on a consent. The shutter and Save stay on
// screen at every step without scrolling, the photo stays in view while tagging, nothing
// pinned covers the work or the focused control, and at 200% zoom (512 × 384) the screen
// reflows with every control reachable. Screenshots of each state go to SCREENSHOT_DIR.
import { afterEach, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { layoutProblems, seriousAxeViolations } from './support/axe.ts'
import { confirmAll, openCapture, storedSummary, tag, takePhoto } from './support/capture.ts'
import {
  CONDITION,
  focusWalk,
  focusedName,
  isOnScreen,
  pageScrollRange,
  seedBadDay,
} from './support/captureLayout.ts'
import { screenshotPath } from './support/page.ts'
import { DEMO, signIn } from './support/signIn.ts'
import {
  LANDSCAPE,
  PORTRAIT,
  openTablet,
  servedAppPerFile,
  type Viewport,
} from './support/tablet.ts'

const app = servedAppPerFile({ fakeCamera: true })
let page: Page

afterEach(async () => {
  await page.context().close()
})

const ZOOMED = { width: 512, height: 384 } // 1024 × 768 at 200%
const ZOOMED_PORTRAIT = { width: 384, height: 512 } // 768 × 1024 at 200%

/** The manager in the garden: every room's children, seven of them not to be photographed. */
async function openBadDayCapture(viewport: Viewport): Promise<void> {
  ;({ page } = await openTablet(app.browser, app.url, { viewport }))
  await page.getByRole('heading', { level: 1, name: 'Who is using the tablet?' }).waitFor()
  await seedBadDay(page)
  await page.reload()
  await signIn(page, DEMO.manager)
  await openCapture(page)
  await page.getByRole('radio', { name: 'Garden' }).check()
}

const shutter = () => page.getByRole('button', { name: 'Take photo', exact: true })
const save = () => page.getByRole('button', { name: 'Save photo', exact: true })
const names = () => page.getByRole('list', { name: 'Not to be photographed now' })
const photo = () => page.getByRole('img', { name: 'The photo just taken' })
const shot = (viewport: Viewport, state: string) =>
  page.screenshot({
    path: screenshotPath(`capture-bad-day-${viewport.width}x${viewport.height}-${state}`),
    // At 200% zoom the page scrolls: the whole of it, to look at the reflow.
    fullPage: viewport.width < 700,
  })

type Box = { x: number; y: number; width: number; height: number } | null

/** The distance between two boxes: 0 when they touch or overlap. */
function gapBetween(a: Box, b: Box): number {
  if (a === null || b === null) return Infinity
  const dx = Math.max(0, b.x - (a.x + a.width), a.x - (b.x + b.width))
  const dy = Math.max(0, b.y - (a.y + a.height), a.y - (b.y + b.height))
  return Math.max(dx, dy)
}

/**
 * In sight with nothing scrolled: every scrolling box scrolled back to its start, the control
 * lies wholly inside the viewport and inside every box that clips it (the decision's findings
 * scroll on their own), and is the topmost thing at its centre.
 */
function inSightUnscrolled(locator: ReturnType<Page['getByRole']>): Promise<boolean> {
  return locator.evaluate((el) => {
    for (const box of document.querySelectorAll('*')) {
      box.scrollTop = 0
      box.scrollLeft = 0
    }
    window.scrollTo(0, 0)
    const r = el.getBoundingClientRect()
    if (r.width === 0 || r.height === 0) return false
    const clips: { top: number; left: number; bottom: number; right: number }[] = [
      { top: 0, left: 0, bottom: window.innerHeight, right: window.innerWidth },
    ]
    for (let up = el.parentElement; up !== null; up = up.parentElement) {
      const style = getComputedStyle(up)
      if (/auto|scroll|hidden|clip/.test(`${style.overflowX} ${style.overflowY}`)) {
        clips.push(up.getBoundingClientRect())
      }
    }
    const inside = clips.every(
      (c) =>
        r.top >= c.top - 0.5 &&
        r.left >= c.left - 0.5 &&
        r.bottom <= c.bottom + 0.5 &&
        r.right <= c.right + 0.5,
    )
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)
    return inside && hit !== null && (el === hit || el.contains(hit))
  })
}

/** What the tablet stored for its photos' parents' conditions (read straight from IndexedDB). */
async function storedConditions(): Promise<unknown[]> {
  return (await storedSummary(page)).photos.map((p) => p.conditionsAcknowledged)
}

/**
 * Tabs through every focus stop on the held photo (from the skip link): more than 20, none
 * hidden, and in reading order: the answers, then the decision's `actions`.
 */
async function expectFocusStopsInOrder(actions: string[]): Promise<void> {
  const stops = await focusWalk(page, 80)
  expect(stops.length).toBeGreaterThan(20)
  expect(stops.filter((s) => s.obscured)).toEqual([])
  const order = stops.map((s) => s.name)
  const lastAnswer = order.findLastIndex((n) => n.startsWith('An adult is in the photo'))
  expect(lastAnswer).toBeGreaterThan(0)
  for (const action of actions) expect(order.indexOf(action), action).toBeGreaterThan(lastAnswer)
}

async function expectOnScreen(...what: (() => ReturnType<Page['getByRole']>)[]): Promise<void> {
  for (const locator of what) expect(await isOnScreen(locator())).toBe(true)
  expect(await pageScrollRange(page)).toBeLessThanOrEqual(0)
}

describe.each([LANDSCAPE, PORTRAIT])('capture at $width×$height on a bad day', (viewport) => {
  it('keeps the shutter, Save and the photo on screen at every step', async () => {
    await openBadDayCapture(viewport)
    const exclusions = page.getByRole('button', { name: /Not to be photographed now: 7 children/ })
    await exclusions.waitFor()
    await expectOnScreen(shutter)
    await shot(viewport, 'open')

    await takePhoto(page)
    // Held: the list folds to its count; the names come on demand.
    expect(await exclusions.getAttribute('aria-expanded')).toBe('false')
    expect(await names().isVisible()).toBe(false)
    await expectOnScreen(save, photo)
    await tag(page, 'Ava', 'Otis')
    await confirmAll(page)
    // The parent's condition shows at tagging and holds the save until acknowledged.
    await page.getByText(CONDITION).first().waitFor()
    expect(await save().isDisabled()).toBe(true)
    await expectOnScreen(save, photo)
    await shot(viewport, 'condition')
    await page.getByRole('checkbox', { name: /Ava.*condition/ }).check()
    await page.getByRole('heading', { name: 'Can be saved' }).waitFor()
    await expectOnScreen(save, photo)
    await shot(viewport, 'tagged')

    await exclusions.click()
    await names().waitFor()
    await expectOnScreen(save, photo)
    await shot(viewport, 'names')
    await exclusions.click()

    // A group learning-journey photo with Noah, whose parents refused group photos.
    await tag(page, 'Noah')
    await page.getByRole('heading', { name: 'Cannot be saved as it is' }).waitFor()
    await page.getByText(/needs each child’s group-photo consent/).waitFor()
    await page.getByRole('button', { name: /one photo per child/i }).waitFor()
    await expectOnScreen(save, photo)
    expect(await layoutProblems(page)).toEqual({ overflow: 0, small: [] })
    await shot(viewport, 'blocked')
    // Every way out of the block is in sight without scrolling anything.
    for (const name of ['Untag Noah', 'One photo per child', 'Discard', 'Save photo']) {
      const wayOut = page.getByRole('button', { name, exact: true })
      expect({ name, inSight: await inSightUnscrolled(wayOut) }).toEqual({ name, inSight: true })
    }

    // The untag question opens beside Noah's tile.
    const noah = page.getByRole('button', { name: /^Noah / })
    await noah.click()
    const question = page.getByRole('alertdialog')
    await question.waitFor()
    expect(gapBetween(await noah.boundingBox(), await question.boundingBox())).toBeLessThan(24)
    expect(await isOnScreen(question)).toBe(true)
    await expectOnScreen(save, photo)
    await shot(viewport, 'untag-question')
    expect(await seriousAxeViolations(page)).toEqual([])
    await page.getByRole('button', { name: 'Yes, Noah is not in it' }).click()
    await page.getByRole('heading', { name: 'Can be saved' }).waitFor()

    await save().click()
    const saved = page.getByRole('status').filter({ hasText: /Saved for learning journey/ })
    await saved.waitFor()
    await expectOnScreen(() => saved, shutter)
    await shot(viewport, 'saved')
    expect((await storedSummary(page)).photos).toHaveLength(1)
    // The condition Ava's parents wrote is stored with the photo: which, by whom, when.
    expect(await storedConditions()).toEqual([
      [
        expect.objectContaining({
          childId: 'demo-child-allGranted',
          consentIds: ['demo-consent-allGranted-learning_journey-a'],
          text: CONDITION,
          purposes: ['learning_journey'],
          staffId: expect.any(String),
          at: expect.any(String),
        }),
      ],
    ])
    expect(await seriousAxeViolations(page)).toEqual([])
  })

  it('asks before discarding a photo someone has tagged, and keeps it on "Keep"', async () => {
    await openBadDayCapture(viewport)
    await takePhoto(page)
    // Nothing tagged or typed yet: Discard needs no question.
    await page.getByRole('button', { name: 'Discard' }).click()
    await shutter().waitFor()
    await takePhoto(page)
    await tag(page, 'Otis')
    await page.getByRole('button', { name: 'Discard' }).click()
    const ask = page.getByRole('alertdialog', { name: /Discard this photo/ })
    await ask.waitFor()
    expect(await focusedName(page)).toBe('Keep the photo')
    expect(await isOnScreen(ask)).toBe(true)
    await shot(viewport, 'discard-question')
    await ask.getByRole('button', { name: 'Keep the photo' }).click()
    expect(await photo().isVisible()).toBe(true)
    expect(await page.getByRole('button', { name: /^Otis / }).getAttribute('aria-pressed')).toBe(
      'true',
    )
    await page.getByRole('button', { name: 'Discard' }).click()
    await ask.getByRole('button', { name: 'Discard the photo' }).click()
    await shutter().waitFor()
    expect(await focusedName(page)).toBe('Take photo')

    // "One photo per child": the blocked group photo goes (and is audited), the camera comes
    // back with what to do next.
    await takePhoto(page)
    await tag(page, 'Ava', 'Noah')
    await page.getByRole('button', { name: /one photo per child/i }).click()
    await page
      .getByRole('status')
      .filter({ hasText: /Take one photo of each child/ })
      .waitFor()
    expect(await focusedName(page)).toBe('Take photo')
    const stored = await storedSummary(page)
    expect(stored.photos).toEqual([])
    // Every discarded photo here was blocked (nothing confirmed): each one is in the audit.
    expect(stored.blockedRules).toHaveLength(3)
    expect(stored.blockedRules.filter((rules) => rules.includes('consent-refused'))).toHaveLength(1)
  })

  it('keeps focus in sight and in order, and puts it somewhere sensible after each action', async () => {
    await openBadDayCapture(viewport)
    // The live region for "✓ Saved" is there, empty, before anything is saved.
    const live = page.locator('.capture__saved[role="status"]')
    expect(await live.count()).toBe(1)
    expect((await live.textContent())?.trim()).toBe('')
    // Before the shutter: every stop in sight, the place before the shutter.
    const before = await focusWalk(page, 40)
    expect(before.filter((s) => s.obscured)).toEqual([])
    const beforeOrder = before.map((s) => s.name)
    expect(beforeOrder.indexOf('Take photo')).toBeGreaterThan(beforeOrder.indexOf('Garden'))
    await shutter().focus()
    await page.waitForFunction(
      () =>
        Array.from(document.querySelectorAll('button')).some(
          (b) => b.textContent === 'Take photo' && b.getAttribute('aria-disabled') !== 'true',
        ),
      undefined,
      { timeout: 30_000 },
    )
    await page.keyboard.press('Enter')
    await photo().waitFor()
    expect(await focusedName(page)).toMatch(/Who is in the photo/)
    await tag(page, 'Otis')
    await confirmAll(page)

    // Every stop on the held photo, with the page and the answers scrolled as far as they go.
    await page.evaluate(() => {
      window.scrollTo(0, document.documentElement.scrollHeight)
      const answers = document.querySelector('.capture__panel')
      if (answers !== null) answers.scrollTop = answers.scrollHeight
    })
    await expectFocusStopsInOrder(['Save photo', 'Discard'])

    // The untag question takes focus, keeps it, and closes on Escape.
    await tag(page, 'Noah')
    await page.getByRole('heading', { name: 'Cannot be saved as it is' }).waitFor()
    await page.getByRole('button', { name: /^Noah / }).click()
    await page.getByRole('alertdialog').waitFor()
    expect(await focusedName(page)).toBe('Keep the tag')
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Tab')
      expect(
        await page.evaluate(() => document.activeElement?.closest('[role="alertdialog"]') !== null),
      ).toBe(true)
    }
    await page.keyboard.press('Escape')
    expect(await page.getByRole('alertdialog').count()).toBe(0)
    expect(await focusedName(page)).toMatch(/^Noah/)
    await page.keyboard.press('Enter')
    await page.getByRole('button', { name: 'Yes, Noah is not in it' }).click()
    expect(await focusedName(page)).toMatch(/^Noah/)

    await page.getByRole('heading', { name: 'Can be saved' }).waitFor()
    await save().click()
    await live.filter({ hasText: /Saved for learning journey/ }).waitFor()
    expect(await focusedName(page)).toBe('Take photo')
  })
})

describe.each([ZOOMED, ZOOMED_PORTRAIT])('capture at 200% zoom ($width × $height)', (zoomed) => {
  it('reflows with the header on one screen width and every control reachable and in sight', async () => {
    await openBadDayCapture(zoomed)
    const overflow = () =>
      page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      )
    expect(await overflow()).toBe(0)
    const header = page.locator('.app-header')
    expect(await header.evaluate((el) => el.scrollWidth - el.clientWidth)).toBe(0)
    await shot(zoomed, 'open')
    await takePhoto(page)
    await tag(page, 'Otis', 'Ava')
    expect(await overflow()).toBe(0)
    await shot(zoomed, 'held')
    // Every checkbox can be tapped: scrolled to, it is the topmost thing where it is.
    for (const box of await page.getByRole('checkbox').all()) {
      const label = box.locator('xpath=ancestor::label[1]')
      const target = (await label.count()) > 0 ? label : box
      await target.scrollIntoViewIfNeeded()
      expect(await isOnScreen(target)).toBe(true)
    }
    // Save waits for the answers here, so it takes no focus yet.
    await expectFocusStopsInOrder(['Discard'])
    expect(await seriousAxeViolations(page)).toEqual([])
  })
})
