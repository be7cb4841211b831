// Sign-in's snapshot holds only what sign-in shows, and anything else in its place reads as
// nothing: a corrupt, foreign or older value, or storage that throws, never crashes a start.
import { describe, expect, it } from 'vitest'
import { LATEST_DB_VERSION } from './latestVersion.ts'
import {
  dropSignInSnapshot,
  readSignInSnapshot,
  SIGN_IN_SNAPSHOT_KEY,
  writeSignInSnapshot,
  type SignInSnapshot,
  type SnapshotStorage,
} from './signInSnapshot.ts'
import { memoryStorage } from '../../tests/support/memoryStorage.ts'

const LIST: SignInSnapshot = {
  isDemo: false,
  staff: [
    { id: 'staff-1', name: 'Ada Brown', role: 'manager' },
    { id: 'staff-2', name: 'Sam Okafor', role: 'practitioner' },
  ],
}

describe("sign-in's snapshot", () => {
  it('gives back what was written', () => {
    const storage = memoryStorage()
    writeSignInSnapshot(storage, LIST)
    expect(readSignInSnapshot(storage)).toEqual(LIST)
  })

  it('keeps only what sign-in shows, whatever the list it is given carries', () => {
    const storage = memoryStorage()
    const person = { id: 'staff-1', name: 'Ada Brown', role: 'manager' as const }
    const withMore = { ...person, pin: { hash: 'secret' }, canCapture: true, roomId: 'room-1' }
    writeSignInSnapshot(storage, { isDemo: true, staff: [withMore] })
    const stored = JSON.parse(storage.items.get(SIGN_IN_SNAPSHOT_KEY)!) as unknown
    expect(stored).toEqual({ v: LATEST_DB_VERSION, isDemo: true, staff: [person] })
    expect(storage.items.get(SIGN_IN_SNAPSHOT_KEY)).not.toMatch(/secret|room-1|canCapture/)
  })

  it('removes itself for a list with nobody on it', () => {
    const storage = memoryStorage()
    writeSignInSnapshot(storage, LIST)
    writeSignInSnapshot(storage, { isDemo: false, staff: [] })
    expect(storage.items.has(SIGN_IN_SNAPSHOT_KEY)).toBe(false)
    expect(readSignInSnapshot(storage)).toBeNull()
  })

  it('is gone once dropped, and reads as nothing where there is no storage', () => {
    const storage = memoryStorage()
    writeSignInSnapshot(storage, LIST)
    dropSignInSnapshot(storage)
    expect(readSignInSnapshot(storage)).toBeNull()
    expect(readSignInSnapshot(null)).toBeNull()
    writeSignInSnapshot(null, LIST)
    dropSignInSnapshot(null)
  })

  const person = { id: 'staff-1', name: 'Ada Brown', role: 'manager' }
  const valid = { v: LATEST_DB_VERSION, isDemo: false, staff: [person] }
  it.each([
    ['not JSON', '{"v":'],
    ['JSON null', 'null'],
    ['a number', '42'],
    ['an array', JSON.stringify([valid])],
    ['another version of the database', JSON.stringify({ ...valid, v: LATEST_DB_VERSION - 1 })],
    ['no version', JSON.stringify({ isDemo: false, staff: [person] })],
    ['no demo flag', JSON.stringify({ v: LATEST_DB_VERSION, staff: [person] })],
    ['staff not a list', JSON.stringify({ ...valid, staff: { 0: person } })],
    ['nobody listed', JSON.stringify({ ...valid, staff: [] })],
    ['a role no setting has', JSON.stringify({ ...valid, staff: [{ ...person, role: 'owner' }] })],
    ['a person without a name', JSON.stringify({ ...valid, staff: [{ ...person, name: '' }] })],
    ['an id that is not text', JSON.stringify({ ...valid, staff: [{ ...person, id: 7 }] })],
    [
      'a name past any real one',
      JSON.stringify({ ...valid, staff: [{ ...person, name: 'x'.repeat(201) }] }),
    ],
    ['more people than any setting', JSON.stringify({ ...valid, staff: Array(501).fill(person) })],
  ])('reads %s as nothing', (_what, raw) => {
    const storage = memoryStorage()
    storage.setItem(SIGN_IN_SNAPSHOT_KEY, raw)
    expect(readSignInSnapshot(storage)).toBeNull()
  })

  it('reads as nothing, and writes nothing, where storage throws (blocked, or full)', () => {
    const fails = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    }
    const blocked: SnapshotStorage = { getItem: fails, setItem: fails, removeItem: fails }
    expect(readSignInSnapshot(blocked)).toBeNull()
    expect(() => {
      writeSignInSnapshot(blocked, LIST)
      dropSignInSnapshot(blocked)
    }).not.toThrow()
    // Full: the old snapshot is not left standing for a list it no longer matches.
    const full = { ...memoryStorage(), setItem: fails }
    full.items.set(SIGN_IN_SNAPSHOT_KEY, 'old')
    writeSignInSnapshot(full, LIST)
    expect(full.items.has(SIGN_IN_SNAPSHOT_KEY)).toBe(false)
  })
})
