/**
 * The file operations the filesystem photo store is built on, written so a disk that takes
 * fewer bytes than it was given, or none, is noticed: every write is checked to its last byte
 * and an operating-system error becomes a store failure (full or failing) instead of a throw.
 * `openFile` is injectable so a test can make writes come back short on any machine.
 */
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, open, type FileHandle } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { StoreFailure } from './PhotoStore.ts'

export type OpenFile = (path: string, flags: string) => Promise<FileHandle>

export const openFile: OpenFile = (path, flags) => open(path, flags)

/** An operating-system error (it has an errno code), as opposed to a bug. */
function errnoOf(error: unknown): string | null {
  if (!(error instanceof Error) || !('code' in error)) return null
  return typeof error.code === 'string' ? error.code : null
}

export function isMissing(error: unknown): boolean {
  return errnoOf(error) === 'ENOENT'
}

/** A failed write of the store as a value; bugs (no errno) are thrown on. */
export function storeFailureOf(error: unknown): StoreFailure {
  if (error instanceof ShortWriteError) return error.failure
  const code = errnoOf(error)
  if (code === null) throw error
  const detail = error instanceof Error ? error.message : code
  const full = code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG'
  return { ok: false, reason: full ? 'store-full' : 'store-failing', detail }
}

export class ShortWriteError extends Error {
  readonly failure: StoreFailure
  constructor(failure: StoreFailure) {
    super(failure.detail)
    this.failure = failure
  }
}

/** Writes every byte of `bytes` at the handle's position, or throws why it could not. */
export async function writeAll(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  let written = 0
  while (written < bytes.byteLength) {
    const { bytesWritten } = await handle.write(bytes, written, bytes.byteLength - written)
    if (bytesWritten <= 0) {
      const detail = `the disk took ${written} of ${bytes.byteLength} bytes and then no more`
      throw new ShortWriteError({ ok: false, reason: 'store-full', detail })
    }
    written += bytesWritten
  }
}

/** Flushes a file or a folder's entries to the disk. */
export async function flush(path: string, open: OpenFile = openFile): Promise<void> {
  const handle = await open(path, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** The SHA-256 and size of a file as the disk gives them back now. */
export async function readBack(path: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256')
  let size = 0
  for await (const chunk of createReadStream(path)) {
    const buffer = chunk as Buffer
    hash.update(buffer)
    size += buffer.byteLength
  }
  return { sha256: hash.digest('hex'), size }
}

/**
 * True when the file behind `handle` holds exactly `bytes`, read back from its start. One read
 * of a buffer a byte longer than expected, so a longer file is seen too; a byte comparison,
 * not a second hash, since the bytes to compare with are at hand.
 */
export async function holdsExactly(handle: FileHandle, bytes: Uint8Array): Promise<boolean> {
  const back = Buffer.allocUnsafe(bytes.byteLength + 1)
  let size = 0
  for (;;) {
    const { bytesRead } = await handle.read(back, size, back.byteLength - size, size)
    if (bytesRead === 0) break
    size += bytesRead
    if (size === back.byteLength) return false
  }
  return size === bytes.byteLength && back.subarray(0, size).equals(bytes)
}

/**
 * Runs `task`; if its folder `dir` is missing, makes it (and any missing above it), flushes
 * each new folder's entry in its parent, and runs `task` once more. A file flushed with its
 * folder is on the disk only if the folder is: the entry of a new one of the store's 256
 * folders was never flushed, which ext4 happens to order for us and other filesystems need not.
 */
export async function inFolder<T>(
  dir: string,
  task: () => Promise<T>,
  open: OpenFile = openFile,
): Promise<T> {
  try {
    return await task()
  } catch (error) {
    if (!isMissing(error)) throw error
    const first = await mkdir(dir, { recursive: true })
    if (first !== undefined) {
      for (let made = dir; ; made = dirname(made)) {
        await flush(dirname(made), open)
        if (made === first || dirname(made) === made) break
      }
    }
    return task()
  }
}
