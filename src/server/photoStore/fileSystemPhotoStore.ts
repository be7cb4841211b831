/**
 * The default photo store: files under `root`, `ab/abcdef…` by SHA-256, partial uploads under
 * `.partial/` named by a hash of their key (so no key can name a path).
 *
 * Invariants:
 * - A finished image is written by rename from its verified partial: readers never see half a
 *   file, and a crash leaves at worst a partial to resume. The file and then its folder are
 *   flushed before the store says it holds the image (the iPad deletes its copy on that word).
 * - Operations on one key are serialised in this process, so two requests for the same upload
 *   cannot interleave their appends.
 * - Folders are made when a write finds them missing, not before every write: an upload is a
 *   few file operations, and a mkdir on each was a measurable share of them.
 */
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { AppendResult, FinishResult, PhotoStore } from './PhotoStore.ts'

function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT'
}

/** Runs `task`; if its folder `dir` is missing, makes it and runs `task` once more. */
async function inFolder<T>(dir: string, task: () => Promise<T>): Promise<T> {
  try {
    return await task()
  } catch (error) {
    if (!isMissing(error)) throw error
    await mkdir(dir, { recursive: true })
    return task()
  }
}

/** Flushes a folder's entries, so a file renamed into it is still there after a power cut. */
async function syncFolder(dir: string): Promise<void> {
  const handle = await open(dir, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

export function fileSystemPhotoStore(root: string): PhotoStore {
  const partialDir = join(root, '.partial')
  const queues = new Map<string, Promise<unknown>>()

  function partialPath(key: string): string {
    return join(partialDir, createHash('sha256').update(key).digest('hex'))
  }

  function imagePath(checksum: string): string {
    if (!/^[0-9a-f]{64}$/.test(checksum)) throw new Error('not a SHA-256 checksum')
    return join(root, checksum.slice(0, 2), checksum)
  }

  /** Runs `task` after every earlier task of the same key. */
  function serialised<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = queues.get(key) ?? Promise.resolve()
    const next = previous.then(task, task)
    const settled = next.catch(() => undefined)
    queues.set(key, settled)
    void settled.then(() => {
      if (queues.get(key) === settled) queues.delete(key)
    })
    return next
  }

  async function sizeOf(path: string): Promise<number> {
    try {
      return (await stat(path)).size
    } catch {
      return 0
    }
  }

  async function sha256Of(path: string): Promise<string> {
    const hash = createHash('sha256')
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
    return hash.digest('hex')
  }

  return {
    partialSize: (key) => serialised(key, () => sizeOf(partialPath(key))),

    append: (key, offset, bytes) =>
      serialised(key, async (): Promise<AppendResult> => {
        const path = partialPath(key)
        const size = await sizeOf(path)
        if (size !== offset) return { ok: false, size }
        const handle = await inFolder(partialDir, () => open(path, 'a'))
        try {
          await handle.write(bytes)
        } finally {
          await handle.close()
        }
        return { ok: true, size: size + bytes.byteLength }
      }),

    finish: (key, checksum) =>
      serialised(key, async (): Promise<FinishResult> => {
        const path = partialPath(key)
        const actual = await sha256Of(path)
        if (actual !== checksum) {
          await rm(path, { force: true })
          return { ok: false, actual }
        }
        // On disk before the acknowledgement: the device deletes its copy when it hears it.
        const handle = await open(path, 'r+')
        try {
          await handle.sync()
        } finally {
          await handle.close()
        }
        const target = imagePath(checksum)
        await inFolder(join(root, checksum.slice(0, 2)), () => rename(path, target))
        await syncFolder(dirname(target))
        return { ok: true }
      }),

    storeWhole: async (bytes, checksum): Promise<FinishResult> => {
      const actual = createHash('sha256').update(bytes).digest('hex')
      if (actual !== checksum) return { ok: false, actual }
      const temporary = `${imagePath(checksum)}.${globalThis.crypto.randomUUID()}.tmp`
      const handle = await inFolder(join(root, checksum.slice(0, 2)), () => open(temporary, 'w'))
      try {
        await handle.write(bytes)
        await handle.sync()
      } finally {
        await handle.close()
      }
      await rename(temporary, imagePath(checksum))
      await syncFolder(dirname(temporary))
      return { ok: true }
    },

    discard: (key) => serialised(key, () => rm(partialPath(key), { force: true })),

    has: async (checksum) => (await sizeOf(imagePath(checksum))) > 0,

    read: async (checksum) => {
      try {
        return new Uint8Array(await readFile(imagePath(checksum)))
      } catch {
        return null
      }
    },
  }
}
