// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import { DEMO_STAFF, type ConsentLensDb } from '../../../db/index.ts'
import { demoDb } from '../../../../tests/support/demoDb.ts'
import { renderInWorkspace } from '../../../../tests/support/renderInWorkspace.tsx'
import { SettingsScreen } from './SettingsScreen.tsx'

let db: ConsentLensDb
beforeEach(async () => {
  db = await demoDb()
})

describe('SettingsScreen', () => {
  it.each([
    ['1', 'Saved: the tablet locks after 1 idle minute.'],
    ['5', 'Saved: the tablet locks after 5 idle minutes.'],
  ])('says "%s" idle minute(s) in good English', async (minutes, words) => {
    const { user } = await renderInWorkspace(db, DEMO_STAFF.manager.id, <SettingsScreen />)
    const field = await screen.findByLabelText<HTMLInputElement>(/Minutes/)
    await waitFor(() => {
      expect(field.value).not.toBe('')
    })
    await user.clear(field)
    await user.type(field, minutes)
    await user.click(screen.getByRole('button', { name: 'Save' }))
    expect(await screen.findByText(words)).toBeTruthy()
  })
})
