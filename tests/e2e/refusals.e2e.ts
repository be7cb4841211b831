// The manager's alert for changes the server refused, in the real app: what was refused, who,
// why and what the tablet did, readable at the tablet sizes we support, axe-clean, and gone
// once marked as seen. The refusal is written where sync writes it (IndexedDB, store
// `refusals`); sync itself is tested in tests/integration/sync/twoTablets.test.ts.
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { layoutProblems, seriousAxeViolations } from './support/axe.ts'
import { screenshotPath, waitForServiceWorkerControl } from './support/page.ts'
import { DEMO, signIn } from './support/signIn.ts'
import { servedAppPerFile } from './support/tablet.ts'

const app = servedAppPerFile()

/** Writes one refusal as sync would have kept it, then reloads so the app reads it. */
async function withRefusal(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('consentlens')
        open.onerror = () => {
          reject(new Error('cannot open the database'))
        }
        open.onsuccess = () => {
          const tx = open.result.transaction('refusals', 'readwrite')
          tx.objectStore('refusals').put({
            id: 'change-e2e',
            kind: 'staff',
            entityId: 'demo-staff-student',
            madeAt: new Date().toISOString(),
            actorId: 'demo-staff-practitioner',
            refusedAt: new Date().toISOString(),
            code: 'not_permitted',
            message: 'Only the manager can change who may take photos.',
            payload: { id: 'demo-staff-student', name: 'Jo Lindqvist', canCapture: true },
            outcome: 'server-copy',
            seenAt: null,
          })
          tx.oncomplete = () => {
            open.result.close()
            resolve()
          }
          tx.onerror = () => {
            reject(new Error('cannot write the refusal'))
          }
        }
      }),
  )
  await page.reload()
}

describe('the refused-changes alert', () => {
  it.each([
    { width: 1024, height: 768 },
    { width: 768, height: 1024 },
  ])(
    'reads well at $width×$height and goes once marked as seen',
    async (viewport) => {
      const page = await app.browser.newPage({ viewport })
      await page.goto(app.url)
      await waitForServiceWorkerControl(page)
      await signIn(page, DEMO.manager)
      await withRefusal(page)
      await signIn(page, DEMO.manager)
      const alerts = page.getByRole('region', { name: 'Needs your attention' })
      await alerts.getByText(/1 change made on this tablet refused by the server/).waitFor()
      await alerts.getByText(/^Staff record of Jo Lindqvist, changed by Sam Okafor/).waitFor()
      await page.screenshot({
        path: screenshotPath(`refusals-${viewport.width}x${viewport.height}`),
        fullPage: true,
      })
      expect(await seriousAxeViolations(page)).toEqual([])
      expect(await layoutProblems(page)).toEqual({ overflow: 0, small: [] })
      await alerts.getByRole('button', { name: 'Mark as seen' }).click()
      await alerts.getByText(/refused by the server/).waitFor({ state: 'detached' })
      await page.close()
    },
    60_000,
  )
})
