// @vitest-environment jsdom
// A start shows sign-in from its snapshot before IndexedDB answers, then IndexedDB decides:
// its list replaces the snapshot's on screen and in storage, a PIN is checked against it only,
// and a database that fails to open drops the snapshot and says why.
import { act, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Dexie } from 'dexie'
import { beforeEach, describe, expect, it } from 'vitest'
import { demoDb } from '../../../tests/support/demoDb.ts'
import { memoryStorage } from '../../../tests/support/memoryStorage.ts'
import { openDb } from '../../db/ConsentLensDb.ts'
import { readSignInRowsEarly } from '../../db/earlySignInRows.ts'
import { DEMO_STAFF } from '../../db/index.ts'
import {
  readSignInSnapshot,
  SIGN_IN_SNAPSHOT_KEY,
  writeSignInSnapshot,
  type SignInSnapshot,
} from '../../db/signInSnapshot.ts'
import { readSignInList } from '../screens/sign-in/signInList.ts'
import { startApp, type AppStart } from '../startApp.tsx'
import { useSessionStore } from '../stores/sessionStore.ts'
import { createSyncStatusStore } from '../stores/syncStatusStore.ts'
import type { SyncControl } from '../sync/SyncControl.tsx'
import { startSignIn } from './startSignIn.ts'

let name: string
let storage: ReturnType<typeof memoryStorage>
beforeEach(async () => {
  const seeded = await demoDb()
  name = seeded.name
  seeded.close()
  storage = memoryStorage()
})

function noSync(): SyncControl {
  return {
    status: createSyncStatusStore(),
    start: () => Promise.resolve(false),
    request: () => Promise.resolve(),
  }
}

/**
 * Starts as main.tsx does, on a database not yet opened; `shown` is every render asked for.
 * `arrival`: when the database's chunk arrives (at once, unless the test holds it back).
 */
function start(dbName = name, arrival: Promise<void> = Promise.resolve()) {
  const db = openDb(dbName)
  const shown: AppStart[] = []
  let rendered: ReturnType<typeof render> | null = null
  const show = (opened: AppStart) => {
    shown.push(opened)
    const app = startApp(opened, noSync)
    if (rendered === null) rendered = render(app)
    else rendered.rerender(app)
  }
  const early = readSignInRowsEarly(indexedDB, dbName)
  const started = startSignIn({ db: arrival.then(() => db), storage, early, show })
  return { db, shown, started }
}

async function listFrom(dbName: string): Promise<SignInSnapshot> {
  const db = openDb(dbName)
  try {
    return await readSignInList(db)
  } finally {
    db.close()
  }
}

const MANAGER = DEMO_STAFF.manager
const PRACTITIONER = DEMO_STAFF.practitioner

describe("a start with sign-in's snapshot", () => {
  it('without one, shows sign-in once IndexedDB has answered, then keeps the snapshot', async () => {
    const { db, shown, started } = start()
    expect(shown).toHaveLength(0)
    const stop = await started
    expect(shown).toHaveLength(1)
    expect(screen.getAllByRole('button', { name: new RegExp(MANAGER.name) })).toHaveLength(1)
    const list = await listFrom(name)
    await waitFor(() => {
      expect(readSignInSnapshot(storage)).toEqual(list)
    })
    stop()
    db.close()
  })

  it('lists its people in the first render, before the database opens; IndexedDB then replaces them', async () => {
    writeSignInSnapshot(storage, {
      isDemo: true,
      staff: [
        { id: MANAGER.id, name: 'Old Name', role: 'manager' },
        { id: 'staff-who-left', name: 'Gone Person', role: 'keyworker' },
      ],
    })
    const { db, shown, started } = start()
    // At once: no IndexedDB between the start and the names.
    expect(shown).toHaveLength(1)
    expect(db.isOpen()).toBe(false)
    expect(screen.getByRole('button', { name: /Old Name/ })).toBeTruthy()
    expect(screen.getByRole('button', { name: /Gone Person/ })).toBeTruthy()
    const stop = await started
    await screen.findByRole('button', { name: new RegExp(MANAGER.name) })
    expect(screen.queryByRole('button', { name: /Old Name/ })).toBeNull()
    expect(screen.queryByRole('button', { name: /Gone Person/ })).toBeNull()
    // Not rendered again (one app, one sync control): sign-in's live query followed IndexedDB.
    expect(shown).toHaveLength(1)
    const list = await listFrom(name)
    await waitFor(() => {
      expect(readSignInSnapshot(storage)).toEqual(list)
    })
    stop()
    db.close()
  })

  it('follows staff as they change on the device', async () => {
    const { db, started } = start()
    const stop = await started
    await waitFor(() => {
      expect(readSignInSnapshot(storage)?.staff.map((s) => s.name)).toContain(PRACTITIONER.name)
    })
    await act(() => db.staff.update(PRACTITIONER.id, { active: false }))
    await act(() => db.staff.update(MANAGER.id, { name: 'Morgan Ellery-Shaw' }))
    await waitFor(() => {
      const names = readSignInSnapshot(storage)?.staff.map((s) => s.name)
      expect(names).not.toContain(PRACTITIONER.name)
      expect(names).toContain('Morgan Ellery-Shaw')
    })
    stop()
    db.close()
  })

  it('lets nobody in on its word: the PIN and the role come from IndexedDB', async () => {
    // A snapshot tampered with (or stale): the practitioner listed as a manager.
    writeSignInSnapshot(storage, {
      isDemo: true,
      staff: [{ id: PRACTITIONER.id, name: PRACTITIONER.name, role: 'manager' }],
    })
    const { db, started } = start()
    const user = userEvent.setup()
    await user.click(screen.getByRole('button', { name: new RegExp(PRACTITIONER.name) }))
    await user.type(screen.getByLabelText('PIN (4 to 6 digits)'), MANAGER.pin)
    await user.click(screen.getByRole('button', { name: 'Sign in' }))
    // The manager's PIN does not open the practitioner's name, whatever the snapshot says.
    const signInButton = await screen.findByRole('button', { name: 'Sign in' })
    expect(document.getElementById('pin-error')?.textContent).toBeTruthy()
    expect(useSessionStore.getState().active).toBeNull()
    await user.type(screen.getByLabelText('PIN (4 to 6 digits)'), PRACTITIONER.pin)
    await user.click(signInButton)
    await waitFor(() => {
      expect(useSessionStore.getState().active?.id).toBe(PRACTITIONER.id)
    })
    expect(useSessionStore.getState().active?.role).toBe('practitioner')
    ;(await started)()
    db.close()
  })

  it('takes a tap and a PIN before the database has arrived, and checks it once it has', async () => {
    writeSignInSnapshot(storage, await listFrom(name))
    let arrive: (() => void) | undefined
    const { db, shown, started } = start(
      name,
      new Promise<void>((resolve) => {
        arrive = resolve
      }),
    )
    expect(shown).toHaveLength(1)
    const user = userEvent.setup()
    await user.click(screen.getByRole('button', { name: new RegExp(PRACTITIONER.name) }))
    await user.type(screen.getByLabelText('PIN (4 to 6 digits)'), PRACTITIONER.pin)
    await user.click(screen.getByRole('button', { name: 'Sign in' }))
    // The check waits for the database: nobody is in, nothing is lost, nothing failed.
    expect(await screen.findByRole('button', { name: 'Checking…' })).toBeTruthy()
    expect(useSessionStore.getState().active).toBeNull()
    expect(document.getElementById('pin-error')?.textContent).toBeFalsy()
    arrive?.()
    await waitFor(() => {
      expect(useSessionStore.getState().active?.id).toBe(PRACTITIONER.id)
    })
    expect(shown).toHaveLength(1)
    ;(await started)()
    db.close()
  })

  it.each([
    ['corrupt', '{"v":4,"staff":[{"id":'],
    ['foreign', JSON.stringify({ theme: 'dark' })],
  ])('ignores a %s value and starts as without one', async (_what, raw) => {
    storage.setItem(SIGN_IN_SNAPSHOT_KEY, raw)
    const { db, shown, started } = start()
    expect(shown).toHaveLength(0)
    const stop = await started
    expect(shown).toHaveLength(1)
    expect(screen.getAllByRole('button', { name: new RegExp(MANAGER.name) })).toHaveLength(1)
    const list = await listFrom(name)
    await waitFor(() => {
      expect(readSignInSnapshot(storage)).toEqual(list)
    })
    stop()
    db.close()
  })

  it("says in words why it cannot go on when the database's code does not arrive", async () => {
    writeSignInSnapshot(storage, await listFrom(name))
    const { shown, started } = start(name, Promise.reject(new Error('Failed to fetch')))
    expect(shown).toHaveLength(1)
    await started
    expect(shown).toHaveLength(2)
    expect((await screen.findByRole('alert')).textContent).toMatch(/Reload the page/)
    // Nothing wrong with the snapshot: the next start shows it again.
    expect(readSignInSnapshot(storage)).not.toBeNull()
  })

  it('drops it, and says why, when the database fails to open', async () => {
    writeSignInSnapshot(storage, await listFrom(name))
    // A database from before an update holding a row its upgrade cannot take: the open fails.
    const broken = `broken-${globalThis.crypto.randomUUID()}`
    await new Promise<void>((done) => {
      const request = indexedDB.open(broken, 30)
      request.onupgradeneeded = () => {
        for (const store of ['setting', 'staff', 'refusals']) {
          request.result.createObjectStore(store, { keyPath: 'id' }).put({ id: 'not-a-row' })
        }
      }
      request.onsuccess = () => {
        request.result.close()
        done()
      }
    })
    const { shown, started } = start(broken)
    expect(shown).toHaveLength(1)
    await started
    expect(shown).toHaveLength(2)
    expect(shown[1]?.ok).toBe(false)
    expect((await screen.findByRole('alert')).textContent).toMatch(/could not be brought up to date/)
    expect(storage.items.has(SIGN_IN_SNAPSHOT_KEY)).toBe(false)
    await Dexie.delete(broken)
  })
})
