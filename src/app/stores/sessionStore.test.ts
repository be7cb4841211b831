import { beforeEach, describe, expect, it } from 'vitest'
import type { Staff } from '../../db/index.ts'
import { navigationFor, useSessionStore } from './sessionStore.ts'

const alice: Staff = {
  id: 'alice',
  name: 'Alice',
  role: 'manager',
  canCapture: true,
  roomId: null,
  active: true,
  hasPin: true,
  lockedUntil: null,
}
const bob: Staff = { ...alice, id: 'bob', name: 'Bob', role: 'practitioner' }
const seedA = new Uint8Array(32).fill(1)
const seedB = new Uint8Array(32).fill(2)
const state = () => useSessionStore.getState()

beforeEach(() => {
  state().signOutAll()
})

describe('the signing seed in the session', () => {
  it('is held from sign-in, in memory only, for the person signed in', () => {
    expect(state().signingSeed).toBeNull()
    state().signIn(alice, seedA)
    expect(state().signingSeed).toBe(seedA)
    expect(state().active?.id).toBe('alice')
  })

  it('is dropped on an idle lock and on "switch user", and comes back only with the PIN', () => {
    state().signIn(alice, seedA)
    state().lock('idle')
    expect(state()).toMatchObject({ locked: true, signingSeed: null })
    state().signIn(alice, seedA)
    expect(state().signingSeed).toBe(seedA)
    state().lock('switch-user')
    expect(state().signingSeed).toBeNull()
    state().signIn(bob, seedB)
    expect(state().signingSeed).toBe(seedB)
    expect(state().workspaces.map((w) => w.staff.id)).toEqual(['alice', 'bob'])
  })

  it('is dropped when everyone is signed out', () => {
    state().signIn(alice, seedA)
    state().signOutAll()
    expect(state()).toMatchObject({ active: null, locked: true, signingSeed: null, workspaces: [] })
  })

  it('is null for a PIN from before v2, which signs in without one', () => {
    state().signIn(alice, null)
    expect(state()).toMatchObject({ locked: false, signingSeed: null })
  })

  it('is replaced by the new PIN’s seed only for the active, unlocked person', () => {
    state().signIn(alice, seedA)
    state().replaceSigningSeed('bob', seedB)
    expect(state().signingSeed).toBe(seedA)
    state().replaceSigningSeed('alice', seedB)
    expect(state().signingSeed).toBe(seedB)
    state().lock('idle')
    state().replaceSigningSeed('alice', seedA)
    expect(state().signingSeed).toBeNull()
  })
})

describe('each person’s workspace', () => {
  it('keeps its navigation through a lock and a sign-in again, until everyone is out', () => {
    state().signIn(alice, seedA)
    const alicesPlace = navigationFor('alice')
    alicesPlace.getState().goTo({ name: 'staff' })
    state().lock('switch-user')
    state().signIn(bob, seedB)
    expect(navigationFor('bob')).not.toBe(alicesPlace)
    state().signIn(alice, seedA)
    expect(navigationFor('alice')).toBe(alicesPlace)
    expect(alicesPlace.getState().screen).toEqual({ name: 'staff' })
    state().signOutAll()
    expect(() => navigationFor('alice')).toThrow(/not signed in/)
    state().signIn(alice, seedA)
    expect(navigationFor('alice').getState().screen).toEqual({ name: 'home' })
  })
})
