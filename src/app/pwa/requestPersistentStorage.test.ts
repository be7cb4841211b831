import { describe, expect, it } from 'vitest'
import { requestPersistentStorage } from './requestPersistentStorage.ts'
import type { StorageManagerLike } from './requestPersistentStorage.ts'

function fakeStorage(options: { persisted: boolean; grant: boolean | Error }) {
  const calls = { persist: 0 }
  const storage: StorageManagerLike = {
    persisted: () => Promise.resolve(options.persisted),
    persist: () => {
      calls.persist += 1
      const { grant } = options
      return grant instanceof Error ? Promise.reject(grant) : Promise.resolve(grant)
    },
  }
  return { storage, calls }
}

describe('requestPersistentStorage', () => {
  it('is unsupported without a StorageManager (old browser, plain http)', async () => {
    expect(await requestPersistentStorage(undefined)).toBe('unsupported')
  })

  it('does not ask again when storage is already persisted', async () => {
    const { storage, calls } = fakeStorage({ persisted: true, grant: false })
    expect(await requestPersistentStorage(storage)).toBe('persisted')
    expect(calls.persist).toBe(0)
  })

  it.each([
    [true, 'persisted'],
    [false, 'not-persisted'],
    [new Error('SecurityError'), 'not-persisted'],
  ] as const)('reports the answer %s as %s', async (grant, status) => {
    const { storage } = fakeStorage({ persisted: false, grant })
    expect(await requestPersistentStorage(storage)).toBe(status)
  })

  it('asks the browser only once, however often it is called', async () => {
    const { storage, calls } = fakeStorage({ persisted: false, grant: false })
    await Promise.all([requestPersistentStorage(storage), requestPersistentStorage(storage)])
    await requestPersistentStorage(storage)
    expect(calls.persist).toBe(1)
  })
})
