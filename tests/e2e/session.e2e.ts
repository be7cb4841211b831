// Shared-tablet sessions in a real browser: the tablet locks itself after the manager's idle
// minutes, and a half-typed form is still there after the PIN. The page clock is fast-forwarded,
// so nothing here waits for real minutes.
import { beforeEach, describe, expect, it } from 'vitest'
import { DEMO, openFromHome, signIn } from './support/signIn.ts'
import { freshTabletPerTest, servedAppPerFile } from './support/tablet.ts'

const app = servedAppPerFile()
const tablet = freshTabletPerTest(app)
beforeEach(async () => {
  await tablet.page.clock.install()
  await tablet.page.goto(app.url)
})

describe('the idle lock', () => {
  it('locks after the minutes the manager set, and keeps a half-typed form', async () => {
    const { page } = tablet
    await signIn(page, DEMO.manager)
    await openFromHome(page, /Settings/)
    await page.getByLabel(/Minutes/).fill('2')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.getByText('Saved: the tablet locks after 2 idle minutes.').waitFor()

    await openFromHome(page, /Staff and photo permission/)
    await page.getByLabel('Name', { exact: true }).fill('Half Typed')
    await page.clock.fastForward('01:30')
    expect(await page.getByText(/locked itself/).count()).toBe(0)
    await page.clock.fastForward('00:45')
    await page.getByText(/locked itself/).waitFor()
    expect(await page.getByLabel('Name', { exact: true }).isVisible()).toBe(false)

    // The person who was signed in is chosen already: only the PIN.
    await page.getByLabel('PIN (4 to 6 digits)').fill(DEMO.manager.pin)
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Half Typed')
  })

  it('"Switch user" hands the tablet to someone else, who cannot see the first person’s work', async () => {
    const { page } = tablet
    await signIn(page, DEMO.manager)
    await openFromHome(page, /Staff and photo permission/)
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('button', { name: 'Switch user' })
      .click()
    await signIn(page, DEMO.student)
    // Not the manager's screen; on Home its tile is greyed with why.
    await page.getByRole('heading', { level: 1, name: /Hello, Jo/ }).waitFor()
    const staffScreen = page
      .getByRole('heading', { level: 1, name: 'Staff and photo permission' })
      .filter({ visible: true })
    expect(await staffScreen.count()).toBe(0)
    const staffTile = page.getByRole('button', { name: /Staff and photo permission/ })
    expect(await staffTile.isDisabled()).toBe(true)
    const capture = page.getByRole('button', { name: /Take a photo/ })
    expect(await capture.isDisabled()).toBe(true)
  })
})
