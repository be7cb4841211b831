// A real setting's first day, in Chromium against the real server: the admin command creates
// the setting and its manager (a one-time PIN) and a code; an iPad holding the local demo is
// enrolled with that code (the sample data goes, the setting arrives), the manager signs in
// with the one-time PIN and must choose their own first, adds a member of staff, imports the
// roster into the room the admin command added, records a consent form, adds a location and
// takes a photo of the child; all of it reaches the server, the photo stored and not
// quarantined. Nothing of the demo reaches the iPad. Screenshots of "Choose your own
// PIN" at 1024×768 and 768×1024; axe has nothing serious; no CSP violation.
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { runAdmin } from '../../src/server/admin/runAdmin.ts'
import { listEntities } from '../../src/server/storage/entities.ts'
import { seriousAxeViolations } from './support/axe.ts'
import { confirmAll, tag, takePhoto } from './support/capture.ts'
import { checkRosterRows, saveAllGrantedConsent } from './support/managerForms.ts'
import { cspViolations, screenshotPath } from './support/page.ts'
import { DEMO, openFromHome, signIn } from './support/signIn.ts'
import { openTablet, syncedAppPerFile } from './support/tablet.ts'

const app = syncedAppPerFile({ fakeCamera: true })

async function admin(...argv: string[]): Promise<Record<string, string>> {
  let out = ''
  const code = await runAdmin([...argv, '--json'], {
    env: { DATA_DIR: app.server.dataDir },
    io: { out: (t) => (out += t), err: (t) => (out += t) },
  })
  expect(code, out).toBe(0)
  return JSON.parse(out) as Record<string, string>
}

async function looksRight(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: screenshotPath(name), fullPage: true })
  expect(await seriousAxeViolations(page)).toEqual([])
}

describe('a real setting’s first day', () => {
  it('create, enrol, one-time PIN, own PIN, staff, roster, consent, photo', async () => {
    const created = await admin(
      'create-setting',
      '--name',
      'Acorns Nursery',
      '--manager',
      'Ada Lovelace',
    )
    await admin(
      'add-room',
      '--setting',
      created.settingId!,
      '--name',
      'Caterpillars',
      '--ages',
      '2–3 years',
    )
    const { code } = await admin('enrolment-code', '--setting', created.settingId!)

    const { context, page } = await openTablet(app.browser, app.url)

    await signIn(page, DEMO.manager)
    await openFromHome(page, /This tablet/)
    await page.getByLabel('Enrolment code').fill(code!)
    await page.getByRole('button', { name: 'Enrol this tablet' }).click()
    // Another setting: everyone is signed out and the setting's own people are listed.
    await page.getByRole('button', { name: /Ada Lovelace/ }).waitFor({ timeout: 30_000 })
    expect(await page.getByRole('button', { name: /Morgan Ellery/ }).count()).toBe(0)

    await page.getByRole('button', { name: /Ada Lovelace/ }).click()
    await page.getByLabel('PIN (4 to 6 digits)').fill(created.oneTimePin!)
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await page.getByRole('heading', { level: 1, name: 'Choose your own PIN' }).waitFor()
    await looksRight(page, 'first-day-choose-pin-1024x768')
    await page.setViewportSize({ width: 768, height: 1024 })
    await looksRight(page, 'first-day-choose-pin-768x1024')
    await page.getByLabel('New PIN', { exact: true }).fill('246813')
    await page.getByLabel('New PIN again').fill('246813')
    await page.getByRole('button', { name: 'Save my PIN' }).click()
    await page.getByRole('heading', { level: 1, name: 'Hello, Ada' }).waitFor({ timeout: 30_000 })

    await openFromHome(page, /Staff and photo permission/)
    await page.getByLabel('Name').fill('Kim Practitioner')
    await page.getByLabel(/First PIN/).fill('1357')
    await page.getByRole('button', { name: 'Add to staff' }).click()
    await page.getByRole('heading', { level: 2, name: 'Kim Practitioner' }).waitFor()
    // The roster, into the room the admin command added, then the first consent form.
    await checkRosterRows(
      page,
      'firstName,lastName,dateOfBirth,room,keyworker\nAva,Appleby,2023-04-30,Caterpillars,Ada Lovelace',
    )
    await page.getByRole('button', { name: /^Import 1 child/ }).click()
    await page.getByText('1 child was added to the roster.').waitFor()
    await openFromHome(page, /Who can be photographed/)
    await page.getByRole('button', { name: 'Ava Appleby', exact: true }).click()
    await page.getByRole('button', { name: 'Record consent from a form' }).click()
    await saveAllGrantedConsent(page, 'Bea Appleby', 'ACORNS-1')
    await page
      .getByRole('heading', { level: 1, name: 'Consent recorded for Ava Appleby' })
      .waitFor()

    // A place to take photos, then the first photo, of Ava.
    await openFromHome(page, /Locations/)
    await page.getByLabel('Name').fill('Caterpillars room')
    await page.getByLabel('Room').selectOption({ label: 'Caterpillars' })
    await page.getByRole('button', { name: 'Add location' }).click()
    await page.getByRole('list', { name: 'Locations' }).getByText('Caterpillars room').waitFor()
    await openFromHome(page, /Take a photo/)
    await page.getByLabel('Caterpillars room').check()
    await takePhoto(page)
    await tag(page, 'Ava')
    await confirmAll(page)
    await page.getByRole('button', { name: 'Save photo', exact: true }).click()
    await page
      .getByText(/Saved for/)
      .first()
      .waitFor()

    await openFromHome(page, /This tablet/)
    await page.getByRole('button', { name: 'Sync now' }).click()

    const stored = async () =>
      (
        await app.server.services.db
          .selectFrom('photos')
          .select(['stored_at', 'quarantined_at'])
          .where('setting_id', '=', created.settingId!)
          .execute()
      ).filter((p) => p.stored_at !== null && p.quarantined_at === null).length
    await expect.poll(stored, { timeout: 30_000 }).toBe(1)

    const consents = async () =>
      (await listEntities(app.server.services.db, created.settingId!, 'consent')).length
    await expect.poll(consents, { timeout: 30_000 }).toBeGreaterThan(0)
    const children = await listEntities(app.server.services.db, created.settingId!, 'child')
    expect(children.map((c) => (c as { firstName: string }).firstName)).toEqual(['Ava'])

    const names = async () =>
      (await listEntities(app.server.services.db, created.settingId!, 'staff')).map(
        (s) => (s as { name: string }).name,
      )
    await expect.poll(names, { timeout: 30_000 }).toContain('Kim Practitioner')
    expect((await names()).sort()).toEqual(['Ada Lovelace', 'Kim Practitioner'])
    const pins = await listEntities(app.server.services.db, created.settingId!, 'staffPin')
    const ada = pins.find((p) => (p as { id: string }).id === created.managerId) as {
      mustChange?: boolean
    }
    expect(ada.mustChange).toBeUndefined()

    await openFromHome(page, /Who can be photographed/)
    await page.getByRole('button', { name: 'Ava Appleby', exact: true }).waitFor()
    expect(await page.getByText(/Otis|Pemberton/).count()).toBe(0)
    expect(await cspViolations(page)).toEqual([])
    await context.close()
  })
})
