// The Tablets screen in Chromium against the real server in-process: the manager opens it
// with their PIN, adds a tablet (the code large, a QR code of the enrol link), a new iPad opens
// that link and finds the code filled in, enrols; the manager renames a tablet and revokes it
// after the confirmation, and the revoked iPad wipes itself at its next sync. Screenshots at
// 1024×768 and 768×1024 for people to look at; axe has nothing serious; no CSP violation.
import { afterAll, describe, expect, it } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import { SIGN_IN_SNAPSHOT_KEY } from '../../src/db/signInSnapshot.ts'
import { seriousAxeViolations } from './support/axe.ts'
import { cspViolations, screenshotPath } from './support/page.ts'
import { DEMO, openFromHome, signIn } from './support/signIn.ts'
import {
  LANDSCAPE,
  PORTRAIT,
  enrolThisTablet,
  openTablet,
  syncedAppPerFile,
} from './support/tablet.ts'

const app = syncedAppPerFile()
const contexts: BrowserContext[] = []

afterAll(async () => {
  for (const context of contexts) await context.close()
})

async function newIpad(url: string, viewport = LANDSCAPE): Promise<Page> {
  const { context, page } = await openTablet(app.browser, url, { viewport })
  contexts.push(context)
  return page
}

const synced = (page: Page) =>
  page.getByRole('region', { name: 'Sync' }).getByText('Synced with the setting’s server').waitFor()

async function looksRight(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: screenshotPath(name), fullPage: true })
  expect(await seriousAxeViolations(page)).toEqual([])
}

describe('Tablets screen', () => {
  it('adds, renames and revokes tablets with the manager’s PIN', async () => {
    const manager = await newIpad(app.url)
    await enrolThisTablet(manager, await app.server.enrolmentCode())
    const lost = await newIpad(app.url)
    await enrolThisTablet(lost, await app.server.enrolmentCode())

    await openFromHome(manager, /^Tablets/)
    await manager.getByLabel('Your PIN').fill(DEMO.manager.pin)
    await manager.getByRole('button', { name: 'Show the tablets' }).click()
    const list = manager.getByRole('list', { name: 'The setting’s tablets' })
    await list.getByRole('listitem').nth(1).waitFor()
    expect(await list.getByRole('listitem').count()).toBe(2)
    await list.getByText('(this tablet)').waitFor()
    await looksRight(manager, 'tablets-list-1024x768')

    await manager.getByRole('button', { name: 'Add a tablet' }).click()
    const code = (await manager.getByTestId('enrolment-code').textContent()) ?? ''
    expect(code).toMatch(/^[2-9A-Z]{5}-[2-9A-Z]{5}$/)
    await manager.getByRole('img', { name: /QR code of the enrol link/ }).waitFor()
    await looksRight(manager, 'tablets-add-1024x768')
    await manager.setViewportSize(PORTRAIT)
    await looksRight(manager, 'tablets-add-768x1024')

    // The new iPad opens the link the QR code holds: the code is filled in.
    const added = await newIpad(`${app.url}/?enrol=${code}`, PORTRAIT)
    expect(added.url()).toBe(`${app.url}/`)
    await signIn(added, DEMO.manager)
    await openFromHome(added, /This tablet/)
    expect(await added.getByLabel('Enrolment code').inputValue()).toBe(code)
    await added.getByText('The code from the enrol link is filled in.').waitFor()
    await looksRight(added, 'tablets-enrol-from-link-768x1024')
    await added.getByRole('button', { name: 'Enrol this tablet' }).click()
    await synced(added)

    await manager.getByRole('button', { name: 'Done' }).click()
    await list.getByRole('listitem').nth(2).waitFor()
    const lostRow = list.getByRole('listitem').nth(1)
    await lostRow.getByRole('button', { name: /Rename/ }).click()
    await lostRow.getByLabel(/New name for/).fill('Garden iPad')
    await lostRow.getByRole('button', { name: 'Save' }).click()
    await manager.getByText('Renamed “iPad” to “Garden iPad”.').waitFor()

    await list
      .getByRole('listitem')
      .filter({ hasText: 'Garden iPad' })
      .getByRole('button', { name: /Revoke/ })
      .click()
    const dialog = manager.getByRole('alertdialog', { name: 'Revoke “Garden iPad”?' })
    await dialog.waitFor()
    await looksRight(manager, 'tablets-revoke-768x1024')
    await manager.setViewportSize(LANDSCAPE)
    await looksRight(manager, 'tablets-revoke-1024x768')
    await dialog.getByRole('button', { name: 'Revoke this tablet' }).click()
    await manager.getByText(/“Garden iPad” is revoked/).waitFor()
    await list
      .getByRole('listitem')
      .filter({ hasText: 'Garden iPad' })
      .getByText(/^Revoked /)
      .waitFor()
    await looksRight(manager, 'tablets-after-revoke-1024x768')

    const audit = await app.server.services.db
      .selectFrom('server_audit')
      .select('type')
      .where('type', 'in', ['enrolment-code-created', 'device-renamed', 'device-revoked'])
      .execute()
    expect(audit.map((a) => a.type).sort()).toEqual([
      'device-renamed',
      'device-revoked',
      'enrolment-code-created',
    ])

    // Sign-in's snapshot of staff names (decision 0035) is on the lost tablet until the wipe.
    const snapshot = (page: Page) =>
      page.evaluate((key) => localStorage.getItem(key), SIGN_IN_SNAPSHOT_KEY)
    await lost.waitForFunction((key) => localStorage.getItem(key) !== null, SIGN_IN_SNAPSHOT_KEY)
    // The lost tablet learns it was removed at its next sync: the one "Sync now" starts, or,
    // on a slow machine, its own 30 s tick first (which takes the home screen away mid-click).
    const removed = lost.getByRole('heading', { name: 'This tablet was removed' })
    // Not awaited: once the tablet has been removed, the tile it clicks may never come back.
    void (async () => {
      await openFromHome(lost, /This tablet/)
      await lost.getByRole('button', { name: 'Sync now' }).click()
    })().catch(() => undefined)
    await removed.waitFor()
    expect(await snapshot(lost)).toBeNull()

    for (const page of [manager, lost, added]) expect(await cspViolations(page)).toEqual([])
  })
})
