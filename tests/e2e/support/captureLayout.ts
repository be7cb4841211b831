// Helpers for the capture screen's layout checks: a "bad day" written into the demo data (long
// names, a parent's condition on a consent), whether a control is on screen and not covered,
// and a walk through every keyboard focus stop that reports the ones something hides.
import type { Locator, Page } from 'playwright-core'

export const CONDITION = 'No photos in the paddling pool or in swimwear, please'

/**
 * Long names for three demo children, a parent's condition on Ava Appleby's learning-journey
 * consent, and an injury for Reuben Saltmarsh, which makes seven children not to be
 * photographed across the rooms. Written with the raw IndexedDB API (not the app's code).
 * Reload the page after it: the app reads the tables afresh on the next sign-in.
 */
export async function seedBadDay(page: Page): Promise<void> {
  await page.evaluate(async (condition) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('consentlens')
      open.onsuccess = () => {
        resolve(open.result)
      }
      open.onerror = () => {
        reject(new Error('cannot open the database'))
      }
    })
    const tx = db.transaction(['children', 'consents', 'injuries'], 'readwrite')
    const children = tx.objectStore('children')
    const rename = (id: string, firstName: string, lastName: string) => {
      const get = children.get(id)
      get.onsuccess = () => {
        children.put({ ...(get.result as object), firstName, lastName })
      }
    }
    rename('demo-child-allGranted', 'Ava', 'Appleby-Montgomery-Featherstonehaugh')
    rename('demo-child-ordinary2', 'Anastasia-Evangeline', 'Gadsby-Wolstenholme')
    rename('demo-child-reviewOverdue', 'Leo', 'Dunmore-Cholmondeley-Smythe')
    const consents = tx.objectStore('consents')
    const get = consents.get('demo-consent-allGranted-learning_journey-a')
    get.onsuccess = () => {
      consents.put({ ...(get.result as object), conditions: condition })
    }
    tx.objectStore('injuries').put({
      id: 'bad-day-injury',
      childId: 'demo-child-ordinary7',
      recordedAt: new Date(Date.now() - 3_600_000).toISOString(),
      recordedBy: 'demo-staff-manager',
      description: 'Grazed knee in the garden',
      clearedAt: null,
      clearedBy: null,
    })
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve
      tx.onerror = () => {
        reject(new Error(String(tx.error)))
      }
    })
    db.close()
  }, CONDITION)
}

/** Inside the viewport, whole, and the topmost thing at its centre (nothing pinned over it). */
export async function isOnScreen(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect()
    const inside =
      r.width > 0 &&
      r.height > 0 &&
      r.top >= 0 &&
      r.left >= 0 &&
      r.bottom <= window.innerHeight &&
      r.right <= window.innerWidth
    if (!inside) return false
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)
    return hit !== null && (el === hit || el.contains(hit) || hit.contains(el))
  })
}

/** How far the page itself can scroll: 0 when the screen fits the viewport. */
export function pageScrollRange(page: Page): Promise<number> {
  return page.evaluate(
    () => document.documentElement.scrollHeight - document.documentElement.clientHeight,
  )
}

export type FocusStop = { name: string; obscured: boolean }

/**
 * Presses Tab from the skip link at the top of the page to its last focus stop (at most `stops`) and, at each
 * stop, says whether the focused control is hidden: outside the viewport, or under something
 * else at its visible centre (WCAG 2.4.11 Focus Not Obscured). A checkbox counts as seen
 * through its label.
 */
export async function focusWalk(page: Page, stops: number): Promise<FocusStop[]> {
  await page.evaluate(() => {
    document.querySelector<HTMLElement>('.skip-link')?.focus()
  })
  const walked: FocusStop[] = []
  for (let i = 0; i < stops; i++) {
    await page.keyboard.press('Tab')
    if (await page.evaluate(() => document.activeElement === document.body)) break
    walked.push(
      await page.evaluate(() => {
        const el = document.activeElement
        if (el === null || el === document.body) return { name: '(body)', obscured: true }
        const target = el.closest('label') ?? el
        const r = target.getBoundingClientRect()
        const top = Math.max(r.top, 0)
        const bottom = Math.min(r.bottom, window.innerHeight)
        const left = Math.max(r.left, 0)
        const right = Math.min(r.right, window.innerWidth)
        const name = (el.getAttribute('aria-label') ?? target.textContent).trim().slice(0, 40)
        if (bottom <= top || right <= left) return { name, obscured: true }
        const hit = document.elementFromPoint((left + right) / 2, (top + bottom) / 2)
        const seen = hit !== null && (target === hit || target.contains(hit) || hit.contains(el))
        return { name, obscured: !seen }
      }),
    )
  }
  return walked
}

/** The accessible-ish name of the focused element: its text or aria-label. */
export function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement
    if (el === null || el === document.body) return '(body)'
    return (el.getAttribute('aria-label') ?? el.textContent).trim()
  })
}
