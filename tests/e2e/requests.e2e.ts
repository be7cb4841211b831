// In Chromium: the manager sets retention per purpose; marks a child as left
// on the child's page (the server hears of it at the next sync); downloads a parent's subject
// access ZIP for that child; and erases the child's photos, keeping a group photo for the
// other child's journal. Screens at 1024×768 and 768×1024 are photographed for a person to look
// at; axe and layout are clean.
import { readFileSync } from 'node:fs'
import { strFromU8, unzipSync } from 'fflate'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_SETTING_ID, DEMO_SHOWCASE, demoChildId } from '../../src/demo/index.ts'
import { ChildWireSchema } from '../../src/protocol/index.ts'
import { getEntity } from '../../src/server/storage/entities.ts'
import { lookedAtBothSizes } from './support/axe.ts'
import { enrolledLibraryTablet, serverPhotoRow } from './support/librarySeed.ts'
import { openFromHome } from './support/signIn.ts'
import { syncedAppPerFile } from './support/tablet.ts'

// Ivy is in the Butterflies, the room the manager's board opens on.
const IVY = DEMO_SHOWCASE.websiteSocialRefused
const OSCAR = demoChildId('ordinary1')
const app = syncedAppPerFile()
let context: BrowserContext
let page: Page
let soloId = ''
let groupId = ''

const photoRow = (id: string) => serverPhotoRow(app.server.services, id)

beforeAll(async () => {
  const tablet = await enrolledLibraryTablet(app)
  ;({ context, page } = tablet)
  soloId = await tablet.seedPhoto([IVY.id], ['learning_journey'])
  groupId = await tablet.seedPhoto([IVY.id, OSCAR], ['learning_journey'], { ownBytes: true })
}, 120_000)

afterAll(async () => {
  await context.close()
})

describe('Retention and a parent’s requests', () => {
  it('the manager sets how long photos are kept', async () => {
    await openFromHome(page, /Retention and a parent’s requests/)
    await page
      .getByRole('heading', { level: 1, name: 'Retention and a parent’s requests' })
      .waitFor()
    const display = page.getByLabel('Displays: months kept after the photo was taken')
    await expect.poll(() => display.inputValue()).toBe('12')
    await lookedAtBothSizes(page, 'retention')
    await display.fill('10')
    await page.getByRole('button', { name: 'Save retention' }).click()
    await page.getByText(/Saved\. The server applies it/).waitFor()
    const row = await app.server.services.db
      .selectFrom('retention_policies')
      .selectAll()
      .where('setting_id', '=', DEMO_SETTING_ID)
      .executeTakeFirstOrThrow()
    expect(row.display_months).toBe(10)
  }, 90_000)

  it('marks a child as left on the child’s page; the server hears of it', async () => {
    await openFromHome(page, /Who can be photographed/)
    await page
      .getByRole('button', { name: `${IVY.firstName} ${IVY.lastName}`, exact: true })
      .click()
    await page
      .getByRole('heading', { level: 1, name: `${IVY.firstName} ${IVY.lastName}` })
      .waitFor()
    await page.getByLabel('Leaving date').fill('2026-07-24')
    await page.getByRole('button', { name: 'Mark as left' }).click()
    await page.getByText(/Marked as left\./).waitFor()
    await page.getByText(/left on 24 Jul 2026/).waitFor()
    await lookedAtBothSizes(page, 'child-leaving')
    await openFromHome(page, /This tablet/)
    await page.getByRole('button', { name: 'Sync now' }).click()
    await expect
      .poll(
        async () =>
          ChildWireSchema.parse(
            await getEntity(app.server.services.db, DEMO_SETTING_ID, 'child', IVY.id),
          ).leavingDate,
        { timeout: 30_000 },
      )
      .toBe('2026-07-24')
  }, 90_000)

  it('downloads the subject access ZIP for one child', async () => {
    await openFromHome(page, /Retention and a parent’s requests/)
    await page
      .getByLabel('Child', { exact: true })
      .selectOption({ label: `${IVY.firstName} ${IVY.lastName} (left 24 Jul 2026)` })
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page
        .getByRole('button', { name: `Download everything about ${IVY.firstName} (ZIP)` })
        .click(),
    ])
    await page.getByText(/Give it to the parent/).waitFor()
    const files = unzipSync(new Uint8Array(readFileSync(await download.path())))
    expect(Object.keys(files).filter((n) => n.startsWith('photos/'))).toHaveLength(2)
    const html = strFromU8(files['index.html']!)
    expect(html).toContain(`${IVY.firstName} ${IVY.lastName}`)
    expect(html).toContain('and 1 other child')
    expect(html).not.toContain(OSCAR)
    await lookedAtBothSizes(page, 'subject-access')
  }, 90_000)

  it('erases the child’s photos, keeping the group photo for the other child', async () => {
    await page.getByRole('button', { name: `Erase ${IVY.firstName}’s photos…` }).click()
    const group = page.locator(`[data-photo-id="${groupId}"]`)
    await group.getByLabel('Keep for the other children’s journals').check()
    await page
      .getByLabel('Why (for the audit: the parent’s words)')
      .fill('Mother asked for erasure')
    await group.locator('img').waitFor()
    await lookedAtBothSizes(page, 'child-erasure-plan')
    await page.getByRole('button', { name: /^Erase 1 photo\(s\), keep 1 without/ }).click()
    await page
      .getByText(/Erased 1 photo\(s\) from the server and every tablet; 1 group photo/)
      .waitFor()
    expect(await photoRow(soloId)).toMatchObject({ erased_cause: 'subject-erasure' })
    const kept = await photoRow(groupId)
    expect(kept.erased_at).toBeNull()
    expect((JSON.parse(kept.meta) as { childIds: string[] }).childIds).toEqual([OSCAR])
    await lookedAtBothSizes(page, 'child-erasure-done')
  }, 90_000)
})
