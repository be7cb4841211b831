/**
 * Writes a fixture of the database as this checkout's code leaves it (tests/fixtures/dexie/):
 * a small setting in use (staff with v2 PINs, consents, a saved photo with its blobs, audit
 * events, outbox entries, a refusal, the server's facts). Run it at the commit whose version
 * the fixture is to keep, before the next version is added:
 *
 *   node --import tsx tests/support/writeDexieFixture.ts v4-tablet-in-use
 *
 * Nothing here runs in the tests: the fixture it writes is what they open.
 */
import 'fake-indexeddb/auto'
import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { execFileSync } from 'node:child_process'
import { DB_VERSION, VERSIONS } from '../../src/db/ConsentLensDb.ts'
import { draft, encoded, captureSetting, SAVE_TIME } from './captureTestData.ts'
import { savePhoto } from '../../src/db/savePhoto.ts'
import { PRACTITIONER } from './testDb.ts'
import { dumpDatabase } from './dexieFixture.ts'

const name = process.argv[2]
if (name === undefined || !/^v\d+-[a-z0-9-]+$/.test(name)) {
  console.error('Give the fixture a name: v<version>-<what>, e.g. v4-tablet-in-use')
  process.exit(2)
}

const db = await captureSetting()
await db.setting.add({
  id: 'setting-1',
  name: 'Fixture Nursery',
  isDemo: false,
  idleLockMinutes: 5,
  defaultPurposes: ['learning_journey'],
})
await db.injuries.add({
  id: 'injury-1',
  childId: 'child-alma',
  recordedAt: SAVE_TIME,
  recordedBy: 'keyworker',
  description: 'Grazed knee in the garden',
  clearedAt: null,
  clearedBy: null,
  version: 1,
  updatedAt: SAVE_TIME,
})
const saved = await savePhoto(db, draft(), encoded(), PRACTITIONER, SAVE_TIME)
if (!saved.ok) throw new Error(`The fixture's photo was not saved: ${saved.error.message}`)
await db.photos.update('photo-1', { thumbnailBytes: 5, thumbnailUploaded: true })
await db.device.update('device-1', {
  serverFacts: { asOf: SAVE_TIME, unseenDevices: [], quarantinedPhotos: 0, chainProblems: [] },
})
await db.refusals.add({
  id: 'refused-1',
  kind: 'injury',
  entityId: 'injury-1',
  madeAt: SAVE_TIME,
  actorId: PRACTITIONER.id,
  refusedAt: SAVE_TIME,
  code: 'not_permitted',
  message: 'Only the manager can clear an injury.',
  payload: { id: 'injury-1' },
  outcome: 'kept',
  seenAt: null,
})
const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD']).toString().trim()
const fixture = await dumpDatabase(
  db,
  VERSIONS.map(({ version, stores }) => ({ version, stores })),
  `Version ${DB_VERSION}: written by tests/support/writeDexieFixture.ts at ${commit}.`,
)
const path = resolve(import.meta.dirname, `../fixtures/dexie/${name}.json`)
writeFileSync(path, `${JSON.stringify(fixture, null, 2)}\n`)
db.close()
console.log(`Wrote ${path} (version ${DB_VERSION})`)
