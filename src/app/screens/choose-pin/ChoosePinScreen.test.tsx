// @vitest-environment jsdom
// Someone who signed in with a one-time PIN sees only "Choose your own PIN" until they have:
// two different PINs are refused in words; the same PIN twice (6 digits for a manager) ends the
// one-time PIN (here, and in the outbox, signed, for the server and the other tablets), and
// their home screen opens.
import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { renderInWorkspace } from '../../../../tests/support/renderInWorkspace.tsx'
import { DEMO_STAFF, type ConsentLensDb } from '../../../db/index.ts'
import { checkPin } from '../../../db/pinHash.ts'
import { demoDb } from '../../../../tests/support/demoDb.ts'
import { WorkspaceScreen } from '../../navigation/WorkspaceScreen.tsx'

let db: ConsentLensDb
const manager = DEMO_STAFF.manager.id

beforeEach(async () => {
  db = await demoDb()
  await db.staff.update(manager, { mustChangePin: true })
})

describe('ChoosePinScreen', () => {
  it(
    'stands before everything until the person chooses their own PIN',
    { timeout: 30_000 },
    async () => {
      const user = userEvent.setup()
      await renderInWorkspace(db, manager, <WorkspaceScreen />)
      await screen.findByRole('heading', { level: 1, name: 'Choose your own PIN' })
      expect(screen.queryByRole('heading', { name: /^Hello/ })).toBeNull()
      // A manager's new PIN has 6 digits, and the screen says so.
      expect(screen.getByText(/Choose your own PIN \(6 digits\)/)).toBeTruthy()

      await user.type(screen.getByLabelText('New PIN'), '864209')
      await user.type(screen.getByLabelText('New PIN again'), '864208')
      await user.click(screen.getByRole('button', { name: 'Save my PIN' }))
      expect((await screen.findByRole('alert')).textContent).toContain('not the same')

      await user.type(screen.getByLabelText('New PIN'), '864209')
      await user.type(screen.getByLabelText('New PIN again'), '864209')
      await user.click(screen.getByRole('button', { name: 'Save my PIN' }))
      // PBKDF2 (the new PIN's verifier and signing key): slow by nature.
      await screen.findByRole('heading', { level: 1, name: /^Hello, Morgan/ }, { timeout: 20_000 })

      const record = await db.staff.get(manager)
      expect(record?.mustChangePin).toBe(false)
      expect((await checkPin('864209', record!.pin!)).matches).toBe(true)
      const sent = await db.outbox.where('kind').equals('staffPin').toArray()
      expect(sent.at(-1)?.payload).not.toHaveProperty('mustChange')
      // Signed with the one-time PIN's key, so the server believes it is theirs.
      expect(sent.at(-1)).toMatchObject({ actorId: manager, proof: expect.any(String) })
    },
  )
})
