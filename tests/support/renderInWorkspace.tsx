// For screen tests: one screen as a signed-in person sees it, as App renders it: inside a
// DbProvider (the test's own database) and that person's Workspace, so hooks find who they act
// for and where they are. The person is signed in as a PIN would sign them in, with their
// signing seed in the session. Returns Testing Library's render result, a user-event session,
// the person and their navigation store. (The one render helper: src/app/testing had a copy.)
import { render } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { ReactNode } from 'react'
import { DbProvider } from '../../src/app/data/DbContext.tsx'
import { navigationFor, useSessionStore } from '../../src/app/stores/sessionStore.ts'
import { Workspace } from '../../src/app/session/Workspace.tsx'
import { getStaff, type ConsentLensDb } from '../../src/db/index.ts'
import { testSigningSeed } from './testSigners.ts'

export async function renderInWorkspace(db: ConsentLensDb, staffId: string, screen: ReactNode) {
  const staff = await getStaff(db, staffId)
  if (staff === undefined) throw new Error(`No staff ${staffId} in the test database`)
  useSessionStore.getState().signIn(staff, await testSigningSeed(db, staffId))
  const navigation = navigationFor(staff.id)
  const user = userEvent.setup()
  const result = render(
    <DbProvider db={db}>
      <Workspace staff={staff} navigation={navigation} visible>
        {screen}
      </Workspace>
    </DbProvider>,
  )
  return { ...result, user, staff, navigation }
}
