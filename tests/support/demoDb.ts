/**
 * For screen and app tests: a fresh database holding the demo setting, seeded as a tablet seeds
 * it on its first start, with the demo PINs' verifiers taken from a table checked against real
 * PBKDF2 (demoPinVerifier) so no test pays for hashing. Like every freshDb, it is deleted when
 * its test file ends (tests/setup/unit.ts).
 */
import { seedDemoIfEmpty, type ConsentLensDb } from '../../src/db/index.ts'
import { freshDb } from './testDb.ts'
import { demoPinVerifier } from './testSigners.ts'

export async function demoDb(): Promise<ConsentLensDb> {
  const db = freshDb()
  await seedDemoIfEmpty(db, new Date().toISOString(), demoPinVerifier)
  return db
}
