/**
 * The default photo store: files under `root`, `ab/abcdef…` by SHA-256, partial uploads under
 * `.partial/<owner>/` (both named by a hash, so no key can name a path).
 *
 * Invariants:
 * - A finished image is written by rename from a flushed and read-back file whose size and
 *   SHA-256 matched: readers never see half a file, and the store never says it holds an image
 *   the disk did not give back whole (a full disk truncated one once, and the iPad deleted its
 *   only copy on the server's word). The file and then its folder are flushed first.
 * - A failed write leaves nothing half-written: a partial is cut back to its size before the
 *   append, a temporary file is removed. The failure is a value (`store-full`/`store-failing`).
 * - `has` and `read` hash the whole file. Cost: one sequential read of one image (a few MB),
 *   and only when a device offers a photo the server recorded as stored (its acknowledgement
 *   was lost, or it re-checks) or an image is read for an export. A size-only check would be
 *   free but would call a damaged file "held", and the tablet would drop the copy that could
 *   repair it; so the check is full, and a damaged image is asked for again.
 * - Operations on one key are serialised in this process, so two requests for the same upload
 *   cannot interleave their appends. The owner limit is checked per append, not under one lock
 *   for the owner: parallel uploads of one tablet can pass it by at most a chunk each.
 */
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readdir, readFile, rename, rm, rmdir, stat, truncate } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import {
  flush,
  holdsExactly,
  inFolder,
  openFile as realOpenFile,
  readBack,
  storeFailureOf,
  writeAll,
  type OpenFile,
} from './fileIo.ts'
import type { AppendResult, FinishResult, PartialKey, PhotoStore } from './PhotoStore.ts'

export interface FileSystemPhotoStoreOptions {
  /** Most bytes one owner (a tablet) may hold in partial uploads. */
  partialLimitBytes?: number
  /** For tests: how files are opened for writing (a disk whose writes come back short). */
  openFile?: OpenFile
}

export const DEFAULT_PARTIAL_LIMIT_BYTES = 512 * 1024 * 1024

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

export function fileSystemPhotoStore(
  root: string,
  options: FileSystemPhotoStoreOptions = {},
): PhotoStore {
  const partialRoot = join(root, '.partial')
  const open = options.openFile ?? realOpenFile
  const partialLimit = options.partialLimitBytes ?? DEFAULT_PARTIAL_LIMIT_BYTES
  const queues = new Map<string, Promise<unknown>>()

  const ownerDir = (owner: string) => join(partialRoot, sha256(owner))
  const partialPath = (key: PartialKey) => join(ownerDir(key.owner), sha256(key.name))

  function imagePath(checksum: string): string {
    if (!/^[0-9a-f]{64}$/.test(checksum)) throw new Error('not a SHA-256 checksum')
    return join(root, checksum.slice(0, 2), checksum)
  }

  /** Runs `task` after every earlier task of the same key. */
  function serialised<T>(key: PartialKey, task: () => Promise<T>): Promise<T> {
    const id = partialPath(key)
    const previous = queues.get(id) ?? Promise.resolve()
    const next = previous.then(task, task)
    const settled = next.catch(() => undefined)
    queues.set(id, settled)
    void settled.then(() => {
      if (queues.get(id) === settled) queues.delete(id)
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

  async function heldBy(owner: string): Promise<number> {
    const dir = ownerDir(owner)
    const names = await readdir(dir).catch(() => [] as string[])
    const sizes = await Promise.all(names.map((name) => sizeOf(join(dir, name))))
    return sizes.reduce((sum, size) => sum + size, 0)
  }

  async function appendAt(key: PartialKey, size: number, bytes: Uint8Array): Promise<AppendResult> {
    const path = partialPath(key)
    try {
      const handle = await inFolder(ownerDir(key.owner), () => open(path, 'a'), open)
      try {
        await writeAll(handle, bytes)
      } finally {
        await handle.close()
      }
      const now = await sizeOf(path)
      if (now !== size + bytes.byteLength) {
        const detail = `the partial upload is ${now} bytes after an append that should make it ${size + bytes.byteLength}`
        throw Object.assign(new Error(detail), { code: 'EIO' })
      }
      return { ok: true, size: now }
    } catch (error) {
      // Back to what it held before this append, so the next try resumes from a known size.
      await (size === 0 ? rm(path, { force: true }) : truncate(path, size)).catch(() => undefined)
      return storeFailureOf(error)
    }
  }

  /** Moves a flushed, verified file to its image path and flushes the folder. */
  async function keep(path: string, checksum: string): Promise<void> {
    const target = imagePath(checksum)
    await inFolder(dirname(target), () => rename(path, target), open)
    await flush(dirname(target), open)
  }

  async function finishPartial(key: PartialKey, checksum: string): Promise<FinishResult> {
    const path = partialPath(key)
    try {
      // Flushed first, then read back: what is hashed is what the disk holds.
      await flush(path, open)
      const { sha256: actual } = await readBack(path)
      if (actual !== checksum) {
        await rm(path, { force: true })
        return { ok: false, reason: 'checksum', actual }
      }
      await keep(path, checksum)
      return { ok: true }
    } catch (error) {
      return storeFailureOf(error)
    }
  }

  async function storeWhole(bytes: Uint8Array, checksum: string): Promise<FinishResult> {
    const actual = createHash('sha256').update(bytes).digest('hex')
    if (actual !== checksum) return { ok: false, reason: 'checksum', actual }
    const temporary = `${imagePath(checksum)}.${globalThis.crypto.randomUUID()}.tmp`
    try {
      // Written, flushed, then read back through the same file: what is compared is what the
      // disk gives back, without opening the file again.
      const handle = await inFolder(dirname(temporary), () => open(temporary, 'w+'), open)
      try {
        await writeAll(handle, bytes)
        await handle.sync()
        if (!(await holdsExactly(handle, bytes))) {
          const detail = `the disk gave back other bytes than the ${bytes.byteLength} written`
          throw Object.assign(new Error(detail), { code: 'EIO' })
        }
      } finally {
        await handle.close()
      }
      await keep(temporary, checksum)
      return { ok: true }
    } catch (error) {
      await rm(temporary, { force: true }).catch(() => undefined)
      return storeFailureOf(error)
    }
  }

  async function intact(checksum: string, bytes: number | null): Promise<boolean> {
    try {
      const back = await readBack(imagePath(checksum))
      return back.sha256 === checksum && (bytes === null || back.size === bytes)
    } catch {
      return false
    }
  }

  /** Files under `dir` (one level of folders deep) last written before `cutoff`, removed. */
  async function removeStale(dir: string, cutoff: Date, wanted: (name: string) => boolean) {
    let removed = 0
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) {
        removed += await removeStale(path, cutoff, wanted)
        await rmdir(path).catch(() => undefined) // only if it is now empty
      } else if (
        wanted(entry.name) &&
        ((await stat(path).catch(() => null))?.mtime ?? cutoff) < cutoff
      ) {
        await rm(path, { force: true })
        removed += 1
      }
    }
    return removed
  }

  async function removeAbandoned(cutoff: Date): Promise<number> {
    let removed = await removeStale(partialRoot, cutoff, () => true)
    const folders = await readdir(root, { withFileTypes: true }).catch(() => [])
    for (const folder of folders) {
      if (!folder.isDirectory() || !/^[0-9a-f]{2}$/.test(folder.name)) continue
      removed += await removeStale(join(root, folder.name), cutoff, (n) => n.endsWith('.tmp'))
    }
    return removed
  }

  return {
    partialSize: (key) => serialised(key, () => sizeOf(partialPath(key))),

    append: (key, offset, bytes) =>
      serialised(key, async (): Promise<AppendResult> => {
        const size = await sizeOf(partialPath(key))
        if (size !== offset) return { ok: false, reason: 'offset', size }
        const held = await heldBy(key.owner)
        if (held + bytes.byteLength > partialLimit) {
          return { ok: false, reason: 'owner-limit', held, limit: partialLimit }
        }
        return appendAt(key, size, bytes)
      }),

    finish: (key, checksum) => serialised(key, () => finishPartial(key, checksum)),

    storeWhole,

    discard: (key) =>
      serialised(key, async () => {
        // Most photos come whole and never had a partial upload: no removal (and no error
        // from a missing file) for them.
        if (existsSync(partialPath(key))) await rm(partialPath(key), { force: true })
      }),

    has: (checksum, bytes) => intact(checksum, bytes),

    read: async (checksum) => {
      try {
        const bytes = new Uint8Array(await readFile(imagePath(checksum)))
        const actual = createHash('sha256').update(bytes).digest('hex')
        return actual === checksum ? bytes : null
      } catch {
        return null
      }
    },

    remove: (checksum) => rm(imagePath(checksum), { force: true }),

    removeAbandoned,
  }
}
