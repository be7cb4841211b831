import { execFileSync } from 'node:child_process'
import { closeSync, mkdtempSync, open, openSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { syncFile } from './durableSqlite.ts'
import { flushThread, type FlushThread } from './flushThread.ts'
import { state } from '../../../tests/support/settled.ts'

describe('flushThread', () => {
  let dir: string
  let thread: FlushThread
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'flush-thread-'))
    thread = flushThread()
  })
  afterEach(async () => {
    await thread.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('flushes a file, and treats a file SQLite has removed as flushed', async () => {
    const file = join(dir, 'db.sqlite-wal')
    writeFileSync(file, 'log')
    await expect(thread.sync(file)).resolves.toBeUndefined()
    await expect(thread.sync(join(dir, 'gone.sqlite-wal'))).resolves.toBeUndefined()
  })

  it('fails a flush it cannot make, in words, and goes on with the next', async () => {
    const file = join(dir, 'db.sqlite-wal')
    writeFileSync(file, 'log')
    // A path under a file: not a missing log, a fault.
    await expect(thread.sync(join(file, 'inside'))).rejects.toThrow(
      /could not flush the database log: .*ENOTDIR/,
    )
    await expect(thread.sync(file)).resolves.toBeUndefined()
  })

  it('starts again after it was closed', async () => {
    const file = join(dir, 'db.sqlite-wal')
    writeFileSync(file, 'log')
    await thread.sync(file)
    await thread.close()
    await expect(thread.sync(file)).resolves.toBeUndefined()
  })

  it('flushes while every thread of the pool is busy (a burst of photo writes)', async () => {
    const file = join(dir, 'db.sqlite-wal')
    writeFileSync(file, 'log')
    // Each open of a pipe with no writer holds a pool thread until a writer comes.
    const size = Number(process.env.UV_THREADPOOL_SIZE ?? 4)
    const pipes = Array.from({ length: size }, (_, i) => join(dir, `pipe-${i}`))
    for (const pipe of pipes) execFileSync('mkfifo', [pipe])
    const held = pipes.map(
      (pipe) =>
        new Promise<void>((resolve) => {
          open(pipe, 'r', (error, fd) => {
            if (error === null) closeSync(fd)
            resolve()
          })
        }),
    )
    const onPool = syncFile(file)
    try {
      await thread.sync(file)
      // The same flush on the pool is still waiting for a thread.
      expect(await state(onPool)).toBe('pending')
    } finally {
      for (const pipe of pipes) closeSync(openSync(pipe, 'w'))
      await Promise.all(held)
    }
    await onPool
  })
})
