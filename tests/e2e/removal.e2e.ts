// In Chromium: the manager withdraws a child's display consent on an enrolled iPad; the
// photo on the Butterflies wall appears on the Removal list with that use; the manager confirms
// it taken down and erases the photo, whose image and thumbnail leave the server. A photo the
// server quarantined is shown with its rule and reason, checked again (still held), and erased. Screens at
// 1024×768 and 768×1024 are photographed for a person to look at; axe and layout are clean.
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_SETTING_ID, DEMO_SHOWCASE, DEMO_STAFF } from '../../src/demo/index.ts'
import { lookedAtBothSizes } from './support/axe.ts'
import { enrolledLibraryTablet, serverPhotoRow } from './support/librarySeed.ts'
import { openFromHome } from './support/signIn.ts'
import { syncedAppPerFile } from './support/tablet.ts'

const IVY = DEMO_SHOWCASE.websiteSocialRefused // Butterflies
const app = syncedAppPerFile()
let context: BrowserContext
let page: Page
let photoId = ''
let heldId = ''

const photoRow = () => serverPhotoRow(app.server.services, photoId)

beforeAll(async () => {
  const tablet = await enrolledLibraryTablet(app)
  ;({ context, page } = tablet)
  photoId = await tablet.seedPhoto([IVY.id], ['learning_journey', 'display'])
  // Esme has no consent on record: the server quarantines her photo. Bytes of its own, so
  // that erasing it is seen to remove them (erasePhoto.ts keeps an image another photo names).
  heldId = await tablet.seedPhoto([DEMO_SHOWCASE.noConsent.id], ['learning_journey'], {
    ownBytes: true,
  })
  const now = new Date().toISOString()
  await app.server.services.db
    .insertInto('photo_uses')
    .values({
      id: 'e2e-use-wall',
      setting_id: DEMO_SETTING_ID,
      photo_id: photoId,
      purpose: 'display',
      action: 'record',
      place: 'Butterflies room wall',
      until_at: '2099-12-31T00:00:00.000Z',
      staff_id: DEMO_STAFF.manager.id,
      device_id: tablet.device.id,
      used_at: now,
    })
    .execute()
}, 120_000)

afterAll(async () => {
  await context.close()
})

describe('Removal list', () => {
  it('a withdrawal puts the photo on the list with the use to take down', async () => {
    await openFromHome(page, /Who can be photographed/)
    await page.getByRole('button', { name: 'Ivy Marchbank', exact: true }).click()
    await page.getByRole('heading', { level: 1, name: 'Ivy Marchbank' }).waitFor()
    await page.getByRole('button', { name: 'Withdraw consent' }).click()
    await page.getByRole('button', { name: /^Display/ }).click()
    await page.getByRole('button', { name: 'Withdraw now' }).click()
    await page.getByText(/Consent withdrawn for display/i).waitFor()
    await openFromHome(page, /This tablet/)
    await page.getByRole('button', { name: 'Sync now' }).click()
    await expect.poll(async () => (await photoRow()).flags, { timeout: 30_000 }).not.toBe('[]')

    await openFromHome(page, /Removal list/)
    await page.getByRole('heading', { level: 1, name: 'Removal list' }).waitFor()
    const card = page.locator(`[data-photo-id="${photoId}"]`)
    await card.locator('.removal-use__what', { hasText: 'Butterflies room wall' }).waitFor()
    await card.locator('img').waitFor()
    await card.getByRole('button', { name: 'Keep only for learning journey' }).waitFor()
    await lookedAtBothSizes(page, 'removal-list')
  }, 90_000)

  it('erases only after the use is confirmed taken down; the bytes leave the server', async () => {
    const card = page.locator(`[data-photo-id="${photoId}"]`)
    await card.getByLabel('Why (for the audit)').fill('Mother withdrew consent for displays')
    await card.getByRole('button', { name: 'Erase the photo' }).click()
    await card.getByText(/First confirm these uses are taken down/).waitFor()
    await lookedAtBothSizes(page, 'removal-refused')
    await card.getByRole('button', { name: 'Confirm' }).click()
    await card.getByText(/Taken down: confirmed by/).waitFor()
    await card.getByLabel('Why (for the audit)').fill('Mother withdrew consent for displays')
    await card.getByRole('button', { name: 'Erase the photo' }).click()
    await page.getByText('Erased from the server and every tablet.').waitFor()
    await page.getByText(/Nothing to remove/).waitFor()
    const row = await photoRow()
    expect(row).toMatchObject({ erased_cause: 'withdrawal', erased_by: DEMO_STAFF.manager.id })
    expect(await app.server.services.photos.read(row.checksum)).toBeNull()
    const types = await app.server.services.db
      .selectFrom('server_audit')
      .select('type')
      .where('type', 'in', ['photo-use-taken-down', 'photo-erased'])
      .execute()
    expect(types.map((t) => t.type).sort()).toEqual(['photo-erased', 'photo-use-taken-down'])
    await lookedAtBothSizes(page, 'removal-erased')
  }, 90_000)

  it('a quarantined photo: its rule and reason, checked again, then erased', async () => {
    const card = page.locator(`[data-photo-id="${heldId}"]`)
    await card.getByText(/no consent on record/).waitFor()
    await card.locator('img').waitFor()
    await card.getByRole('button', { name: 'Check again' }).click()
    await card.getByText(/Checked again against today’s records: still held back/).waitFor()
    await lookedAtBothSizes(page, 'quarantine-review')
    await card.getByLabel('Why erase (for the audit)').fill('No consent for Esme')
    await card.getByRole('button', { name: 'Erase the photo' }).click()
    await page.getByText('No photo is quarantined.').waitFor()
    const row = await serverPhotoRow(app.server.services, heldId)
    expect(row).toMatchObject({ erased_cause: 'quarantine', erased_reason: 'No consent for Esme' })
    expect(await app.server.services.photos.read(row.checksum)).toBeNull()
  }, 90_000)
})
