// Signs a demo member of staff in, the way a person does: tap the name, type the PIN.
import type { Page } from 'playwright-core'

export const DEMO = {
  manager: { name: 'Morgan Ellery', pin: '1234' },
  keyworker: { name: 'Priya Shah', pin: '2345' },
  practitioner: { name: 'Sam Okafor', pin: '3456' },
  student: { name: 'Jo Lindqvist', pin: '4567' },
} as const

export async function signIn(page: Page, who: { name: string; pin: string }): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'Who is using the tablet?' }).waitFor()
  await page.getByRole('button', { name: new RegExp(who.name) }).click()
  await page.getByLabel('PIN (4 to 6 digits)').fill(who.pin)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await page.getByRole('heading', { level: 1, name: /^Hello, / }).waitFor()
}

/** From anywhere in a workspace: the header's Home, then a home tile. */
export async function openFromHome(page: Page, tile: RegExp): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Home' }).click()
  await page.getByRole('button', { name: tile }).click()
}
