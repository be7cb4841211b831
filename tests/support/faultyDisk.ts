/**
 * For tests: disks that fail the way real ones do. `shortWrites` opens files whose writes come
 * back short (honestly, or lying about the count); `smallTmpfs` mounts a real tmpfs of a few
 * MB (root only), or says why it cannot so the test can skip with that reason.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, statfsSync } from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { OpenFile } from '../../src/server/photoStore/fileIo.ts'

/** For one write of `length` bytes: how many really go to the disk, and how many are reported. */
export type WriteFault = (length: number) => { write: number; report: number }

export function shortWrites(fault: WriteFault): OpenFile {
  return async (path, flags) => {
    const handle = await open(path, flags)
    return new Proxy(handle, {
      get(target, property) {
        if (property === 'write') {
          return async (buffer: Uint8Array, offset = 0, length = buffer.byteLength - offset) => {
            const { write, report } = fault(length)
            await target.write(buffer, offset, write)
            return { bytesWritten: report, buffer }
          }
        }
        const value: unknown = Reflect.get(target, property, target)
        return typeof value === 'function' ? (value as () => unknown).bind(target) : value
      },
    }) satisfies FileHandle
  }
}

export type Tmpfs = { ok: true; dir: string; free: () => number; unmount: () => void }

export function smallTmpfs(size: string): Tmpfs | { ok: false; reason: string } {
  const dir = mkdtempSync(join(tmpdir(), 'consentlens-tmpfs-'))
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'pipe' })
  } catch (error) {
    rmSync(dir, { recursive: true, force: true })
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error)
    return { ok: false, reason: `cannot mount a ${size} tmpfs here (needs root): ${why}` }
  }
  return {
    ok: true,
    dir,
    free: () => {
      const stats = statfsSync(dir)
      return stats.bavail * stats.bsize
    },
    unmount: () => {
      execFileSync('umount', [dir], { stdio: 'pipe' })
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
