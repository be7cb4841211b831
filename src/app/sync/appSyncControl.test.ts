// The app's sync control is built per database and holds its own status: nothing global, so
// two databases (two tests, or a tablet that re-opens) never share an engine or a status.
import { afterEach, describe, expect, it } from 'vitest'
import type { ConsentLensDb } from '../../db/index.ts'
import { freshDb } from '../../../tests/support/testDb.ts'
import { INITIAL_STATUS } from '../../sync/index.ts'
import { appSyncControl } from './appSyncControl.ts'

const opened: ConsentLensDb[] = []
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.delete()))
})

/** A tablet never enrolled: no server credential, as the local demo. */
function unenrolledDb(): ConsentLensDb {
  const db = freshDb()
  opened.push(db)
  return db
}

describe('appSyncControl', () => {
  it('does not start on a tablet that holds no server credential (the local demo)', async () => {
    const control = appSyncControl(unenrolledDb())
    expect(await control.start()).toBe(false)
    await control.request()
    expect(control.status.getState()).toEqual(INITIAL_STATUS)
  })

  it('gives each database its own status store', () => {
    const one = appSyncControl(unenrolledDb())
    const two = appSyncControl(unenrolledDb())
    expect(one.status).not.toBe(two.status)
    one.status.setState({ phase: 'offline' })
    expect(two.status.getState().phase).toBe('not-enrolled')
  })
})
