// For screen tests: a screen rendered inside a signed-in person's workspace, on the test's own
// database, as App renders it. Returns the person's navigation store and a user-event session.
// The person is signed in as a PIN would sign them in: with their signing seed in the session.
import { render } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { ReactNode } from 'react'
import { getStaff, type ConsentLensDb } from '../../db/index.ts'
import { DbProvider } from '../data/DbContext.tsx'
import { testSigningSeed } from '../../db/testSigners.ts'
import { navigationFor, useSessionStore } from '../stores/sessionStore.ts'
import { Workspace } from '../session/Workspace.tsx'

export async function renderScreen(db: ConsentLensDb, staffId: string, screen: ReactNode) {
  const staff = await getStaff(db, staffId)
  if (staff === undefined) throw new Error(`No staff ${staffId} in the test database`)
  useSessionStore.getState().signIn(staff, await testSigningSeed(db, staffId))
  const navigation = navigationFor(staffId)
  const user = userEvent.setup()
  render(
    <DbProvider db={db}>
      <Workspace staff={staff} navigation={navigation} visible>
        {screen}
      </Workspace>
    </DbProvider>,
  )
  return { user, navigation, staff }
}
