import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { open } from 'node:fs/promises'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { fileSystemPhotoStore } from './fileSystemPhotoStore.ts'

let root: string
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'consentlens-store-'))
})
afterEach(() => {
  rmSync(root, { recursive: true, force: true })
})

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')
const HOUR = 60 * 60_000

describe('fileSystemPhotoStore', () => {
  it('removes partial uploads and stray temporary files untouched since the cutoff, and no others', async () => {
    const store = fileSystemPhotoStore(root)
    const old = { owner: 'tablet-a', name: 'setting/old-photo' }
    const fresh = { owner: 'tablet-a', name: 'setting/fresh-photo' }
    await store.append(old, 0, new Uint8Array(randomBytes(1000)))
    await store.append(fresh, 0, new Uint8Array(randomBytes(1000)))
    const image = new Uint8Array(randomBytes(500))
    expect(await store.storeWhole(image, sha256(image))).toEqual({ ok: true })
    const folder = join(root, sha256(image).slice(0, 2))
    const strayTmp = join(folder, `${sha256(image)}.crash.tmp`)
    writeFileSync(strayTmp, 'half')
    const longAgo = new Date(Date.now() - 100 * HOUR)
    utimesSync(strayTmp, longAgo, longAgo)
    // Back-date the old partial (named, like every partial, by hashes of its owner and name).
    const oldPartial = join(root, '.partial', hex(old.owner), hex(old.name))
    utimesSync(oldPartial, longAgo, longAgo)
    expect(await store.removeAbandoned(new Date(Date.now() - 72 * HOUR))).toBe(2)
    expect(await store.partialSize(old)).toBe(0)
    expect(await store.partialSize(fresh)).toBe(1000)
    expect(existsSync(strayTmp)).toBe(false)
    expect(await store.has(sha256(image), image.byteLength)).toBe(true)
  })

  it('flushes a new folder into its parent before it counts a photo kept in it', async () => {
    const flushed: string[] = []
    const store = fileSystemPhotoStore(root, {
      // Flushes open a path to read and sync it: recorded, and done for real.
      openFile: async (path, flags) => {
        if (flags === 'r') flushed.push(path)
        return open(path, flags)
      },
    })
    const image = new Uint8Array(randomBytes(500))
    const folder = join(root, sha256(image).slice(0, 2))
    expect(await store.storeWhole(image, sha256(image))).toEqual({ ok: true })
    // The store's root holds the new folder's entry; the folder, the photo's.
    expect(flushed).toContain(root)
    expect(flushed.indexOf(root)).toBeLessThan(flushed.lastIndexOf(folder))
    // A second photo in the same folder makes no folder, so flushes no parent.
    flushed.length = 0
    let sameFolder = new Uint8Array(randomBytes(500))
    while (sha256(sameFolder).slice(0, 2) !== sha256(image).slice(0, 2)) {
      sameFolder = new Uint8Array(randomBytes(500))
    }
    expect(await store.storeWhole(sameFolder, sha256(sameFolder))).toEqual({ ok: true })
    expect(flushed).not.toContain(root)
  })

  it('bounds what one owner holds in partial uploads; other owners are not affected', async () => {
    const store = fileSystemPhotoStore(root, { partialLimitBytes: 3000 })
    const a1 = { owner: 'tablet-a', name: 'p1' }
    const a2 = { owner: 'tablet-a', name: 'p2' }
    expect(await store.append(a1, 0, new Uint8Array(2000))).toEqual({ ok: true, size: 2000 })
    expect(await store.append(a2, 0, new Uint8Array(2000))).toEqual({
      ok: false,
      reason: 'owner-limit',
      held: 2000,
      limit: 3000,
    })
    expect(await store.append({ owner: 'tablet-b', name: 'p1' }, 0, new Uint8Array(2000))).toEqual({
      ok: true,
      size: 2000,
    })
  })

  it('reports a stored image as held only if its size and SHA-256 are right', async () => {
    const store = fileSystemPhotoStore(root)
    const image = new Uint8Array(randomBytes(2000))
    await store.storeWhole(image, sha256(image))
    expect(await store.has(sha256(image), 2000)).toBe(true)
    expect(await store.has(sha256(image), 1999)).toBe(false)
    writeFileSync(join(root, sha256(image).slice(0, 2), sha256(image)), image.slice(0, 1000))
    expect(await store.has(sha256(image), 2000)).toBe(false)
    expect(await store.read(sha256(image))).toBeNull()
  })
})

function hex(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}
