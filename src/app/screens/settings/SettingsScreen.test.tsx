// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEMO_STAFF, seedDemoIfEmpty, type ConsentLensDb } from '../../../db/index.ts'
import { freshDb } from '../../../../tests/support/testDb.ts'
import { useSessionStore } from '../../stores/sessionStore.ts'
import { renderInWorkspace } from '../../../../tests/support/renderInWorkspace.tsx'
import { SettingsScreen } from './SettingsScreen.tsx'
import { demoPinVerifier } from '../../../../tests/support/testSigners.ts'

let db: ConsentLensDb
beforeEach(async () => {
  db = freshDb()
  await seedDemoIfEmpty(db, new Date().toISOString(), demoPinVerifier)
  useSessionStore.getState().signOutAll()
})
afterEach(async () => {
  cleanup()
  await db.delete()
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
