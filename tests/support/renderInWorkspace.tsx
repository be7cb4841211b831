// Renders one screen as a signed-in person would see it: inside a DbProvider (a seeded test
// database) and that person's Workspace, so hooks find who they act for and where they are.
// The person is signed in as a PIN would sign them in: with their signing seed in the session.
import { render } from '@testing-library/react'
import type { ReactNode } from 'react'
import { DbProvider } from '../../src/app/data/DbContext.tsx'
import { navigationFor, useSessionStore } from '../../src/app/stores/sessionStore.ts'
import { Workspace } from '../../src/app/session/Workspace.tsx'
import { testSigningSeed } from '../../src/db/testSigners.ts'
import { getStaff, type ConsentLensDb } from '../../src/db/index.ts'

export async function renderInWorkspace(db: ConsentLensDb, staffId: string, screen: ReactNode) {
  const staff = await getStaff(db, staffId)
  if (staff === undefined) throw new Error(`No staff ${staffId} in the test database`)
  useSessionStore.getState().signIn(staff, await testSigningSeed(db, staffId))
  const navigation = navigationFor(staff.id)
  const result = render(
    <DbProvider db={db}>
      <Workspace staff={staff} navigation={navigation} visible>
        {screen}
      </Workspace>
    </DbProvider>,
  )
  return { ...result, staff, navigation }
}
