// The manager's forms, filled as a person fills them. Each starts on the screen named and
// leaves the page where the form's button takes it.
import type { Page } from 'playwright-core'
import { openFromHome } from './signIn.ts'

/**
 * From any screen of a signed-in manager: "Import the roster", pastes `csv` and presses "Check
 * the rows". Leaves the page on the import screen showing the check's outcome (the rows to
 * import, or the lines in error).
 */
export async function checkRosterRows(page: Page, csv: string): Promise<void> {
  await openFromHome(page, /Import the roster/)
  await page.getByLabel('Or paste the rows').fill(csv)
  await page.getByRole('button', { name: 'Check the rows' }).click()
}

/**
 * On an open "Record consent" form: every purpose granted, given by `parent` (a mother) with
 * parental responsibility, paper form `formRef`, then "Save consent". Leaves the page on the
 * outcome ("Consent recorded for …" when it saved).
 */
export async function saveAllGrantedConsent(
  page: Page,
  parent: string,
  formRef: string,
): Promise<void> {
  await page.getByRole('button', { name: 'All granted' }).click()
  await page.getByLabel('Name', { exact: true }).fill(parent)
  await page.getByLabel('Relationship to the child').fill('mother')
  await page.getByRole('radio', { name: 'Yes', exact: true }).check()
  await page.getByLabel(/Form reference/).fill(formRef)
  await page.getByRole('button', { name: 'Save consent' }).click()
}
