// @vitest-environment jsdom
// The app is built with one sync control: the engine that syncs is the one whose status and
// requests the screens see. main.tsx once built two (one started, another given to screens).
import { act, render, screen, waitFor } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import { DEMO_STAFF, type ConsentLensDb } from '../db/index.ts'
import { demoDb } from '../../tests/support/demoDb.ts'
import { Dexie } from 'dexie'
import { openDb } from '../db/ConsentLensDb.ts'
import { readSignInRowsEarly } from '../db/earlySignInRows.ts'
import type { DbArrival } from './data/loadDataLayer.ts'
import { openBehindSignIn, type OpenedDb } from './data/openAppDb.ts'
import { readSignInList } from './screens/sign-in/signInList.ts'
import { startApp } from './startApp.tsx'
import { createSyncStatusStore } from './stores/syncStatusStore.ts'
import { useSyncControl, type SyncControl } from './sync/SyncControl.tsx'
import { useSyncStatus } from './sync/useSyncStatus.ts'

let db: ConsentLensDb
beforeEach(async () => {
  db = await demoDb()
})

function countingSync() {
  const counts = { built: 0, started: 0 }
  const controls: SyncControl[] = []
  const build = (given: DbArrival): SyncControl => {
    // The database, or (a start drawn from sign-in's snapshot) its arrival.
    expect(given instanceof Promise || given === db).toBe(true)
    counts.built += 1
    const control: SyncControl = {
      status: createSyncStatusStore(),
      start: () => {
        counts.started += 1
        return Promise.resolve(false)
      },
      request: () => Promise.resolve(),
    }
    controls.push(control)
    return control
  }
  return { counts, controls, build }
}

describe('starting the app', () => {
  it('builds the sync control once, starts that one, and renders through re-renders', async () => {
    const sync = countingSync()
    render(startApp({ ok: true, db }, sync.build))
    await screen.findByRole('heading', { level: 1, name: 'Who is using the tablet?' })
    // StrictMode renders twice and the sync bar re-renders as its facts load: still one.
    await screen.findByRole('region', { name: 'Sync' }, { timeout: 15_000 })
    expect(sync.counts).toEqual({ built: 1, started: 1 })
  })

  it('lists the people on sign-in in its first render, from the list read at start', async () => {
    const signIn = await readSignInList(db)
    render(startApp({ ok: true, db, signIn }, countingSync().build))
    // Synchronous: no query between the first render and the names (a cold start waits on it).
    expect(screen.getByRole('list', { name: 'Staff' })).toBeTruthy()
    expect(screen.getAllByRole('button', { name: /Sam Okafor/ })).toHaveLength(1)
    // Still live: someone leaving the staff list disappears from sign-in.
    await act(() => db.staff.update(DEMO_STAFF.practitioner.id, { active: false }))
    await waitFor(() => {
      expect(screen.queryByRole('button', { name: /Sam Okafor/ })).toBeNull()
    })
  })

  it("draws sign-in before the database's chunk has arrived, then follows the database", async () => {
    const signIn = await readSignInList(db)
    await db.staff.update(DEMO_STAFF.practitioner.id, { active: false })
    let arrive: ((arrived: ConsentLensDb) => void) | undefined
    const arrival = new Promise<ConsentLensDb>((resolve) => {
      arrive = resolve
    })
    const sync = countingSync()
    render(startApp({ ok: true, db: arrival, signIn }, sync.build))
    // The list read at start, with nothing of the database yet.
    expect(screen.getAllByRole('button', { name: /Sam Okafor/ })).toHaveLength(1)
    arrive?.(db)
    await waitFor(() => {
      expect(screen.queryByRole('button', { name: /Sam Okafor/ })).toBeNull()
    })
    expect(sync.counts).toEqual({ built: 1, started: 1 })
  })

  it('lists the people from the rows read early, before its database has opened', async () => {
    const rows = await readSignInRowsEarly(indexedDB, db.name)
    expect(rows).not.toBeNull()
    db.close()
    db = openDb(db.name)
    const failures: OpenedDb[] = []
    render(
      startApp(
        openBehindSignIn(db, rows!, (failed) => failures.push(failed)),
        countingSync().build,
      ),
    )
    // The first render lists them with the database still opening behind it.
    expect(db.isOpen()).toBe(false)
    expect(screen.getAllByRole('button', { name: /Sam Okafor/ })).toHaveLength(1)
    await waitFor(() => {
      expect(db.isOpen()).toBe(true)
    })
    // Live from there on, as at every start.
    await act(() => db.staff.update(DEMO_STAFF.practitioner.id, { active: false }))
    await waitFor(() => {
      expect(screen.queryByRole('button', { name: /Sam Okafor/ })).toBeNull()
    })
    expect(failures).toEqual([])
  })

  it('says why it cannot start when the database fails to open behind sign-in', async () => {
    const rows = await readSignInRowsEarly(indexedDB, db.name)
    // A database from before an update holding a row its upgrade cannot take: the open fails.
    const name = `broken-${globalThis.crypto.randomUUID()}`
    await new Promise<void>((done) => {
      const request = indexedDB.open(name, 30)
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
    const failed = await new Promise<OpenedDb>((told) => {
      openBehindSignIn(openDb(name), rows!, told)
    })
    expect(failed.ok).toBe(false)
    // The upgrade's own words (which saved entry, that nothing was lost), not private browsing.
    expect(failed.ok ? '' : failed.message).toMatch(/could not be brought up to date/)
    expect(failed.ok ? '' : failed.message).toMatch(/Nothing was changed or lost/)
    await Dexie.delete(name)
  })

  it('gives the screens the control it started, whose status they read', async () => {
    const sync = countingSync()
    const seen: SyncControl[] = []
    function Probe() {
      const control = useSyncControl()
      seen.push(control)
      return <p>{useSyncStatus((s) => s.phase)}</p>
    }
    render(startApp({ ok: true, db }, sync.build, <Probe />))
    expect(await screen.findByText('not-enrolled')).toBeTruthy()
    act(() => {
      sync.controls[0]?.status.setState({ phase: 'syncing' })
    })
    expect(screen.getByText('syncing')).toBeTruthy()
    expect(sync.controls).toHaveLength(1)
    expect(seen.every((control) => control === sync.controls[0])).toBe(true)
  })

  it('says in words why it cannot start, and builds no sync', () => {
    const sync = countingSync()
    render(startApp({ ok: false, message: 'No storage here.' }, sync.build))
    expect(screen.getByRole('alert').textContent).toBe('No storage here.')
    expect(sync.counts).toEqual({ built: 0, started: 0 })
  })
})
