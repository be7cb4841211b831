import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SERVER_THREAD_POOL_SIZE, serverProcessEnv } from './threadPool.ts'

/**
 * A child process holds `held` pool threads (each open of a pipe with no writer waits for
 * one) and asks the pool for one more thing: 'free' if it was answered, 'blocked' if not.
 */
const CHILD = `
const fs = require('node:fs')
const dir = process.argv[1]
const held = Number(process.argv[2])
let opened = 0
let told = false
for (let i = 0; i < held; i++) fs.open(dir + '/p' + i, 'r', (error, fd) => { opened++; if (!error) fs.closeSync(fd) })
const tell = (word) => {
  if (told) return
  told = true
  console.log(word)
  // Each waiting open meets a writer, so the process can end.
  const release = setInterval(() => {
    for (let i = 0; i < held; i++) {
      try { fs.closeSync(fs.openSync(dir + '/p' + i, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK)) } catch {}
    }
    if (opened === held) { clearInterval(release); process.exit(0) }
  }, 10)
}
fs.stat(dir, () => tell('free'))
// Only so that a pool with no room ends the child; the answer is the word, not a time.
setTimeout(() => tell('blocked'), 3000)
`

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'consentlens-pool-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

function poolAnswer(env: NodeJS.ProcessEnv, held: number): string {
  for (let i = 0; i < held; i++) execFileSync('mkfifo', [join(dir, `p${i}`)])
  const child = spawnSync(process.execPath, ['-e', CHILD, dir, String(held)], {
    env,
    encoding: 'utf8',
    timeout: 20_000,
  })
  return child.stdout.trim()
}

const withoutPool = (): NodeJS.ProcessEnv => {
  const env = { ...process.env }
  delete env.UV_THREADPOOL_SIZE
  return env
}

describe('the server’s thread pool', () => {
  it('is given to a server process unless its environment already says a size', () => {
    expect(serverProcessEnv({ PORT: '1' })).toEqual({
      PORT: '1',
      UV_THREADPOOL_SIZE: String(SERVER_THREAD_POOL_SIZE),
    })
    expect(serverProcessEnv({ UV_THREADPOOL_SIZE: '6' }).UV_THREADPOOL_SIZE).toBe('6')
  })

  it('has room beside six waiting photo flushes, where Node’s default of four has none', () => {
    const held = 6
    expect(poolAnswer(serverProcessEnv(withoutPool()), held)).toBe('free')
    rmSync(dir, { recursive: true, force: true })
    dir = mkdtempSync(join(tmpdir(), 'consentlens-pool-'))
    expect(poolAnswer(withoutPool(), held)).toBe('blocked')
  }, 30_000)

  it('is the size the Docker image and the start scripts give the server', () => {
    const root = join(import.meta.dirname, '..', '..')
    const size = String(SERVER_THREAD_POOL_SIZE)
    expect(readFileSync(join(root, 'Dockerfile'), 'utf8')).toContain(`UV_THREADPOOL_SIZE=${size}`)
    const scripts = (
      JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
        scripts: Record<string, string>
      }
    ).scripts
    for (const name of ['start', 'serve'])
      expect(scripts[name]).toContain(`UV_THREADPOOL_SIZE=\${UV_THREADPOOL_SIZE:-${size}}`)
  })
})
