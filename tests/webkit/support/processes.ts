// The processes behind a WebKit run: an X display (Xvfb, when none is set) and WebKitWebDriver,
// which starts the browser itself. Each is spawned in its own process group so that stopping
// it also stops everything it started (MiniBrowser, its web and network processes), and a
// process exit hook stops whatever is still running when a run fails or is interrupted.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import { command } from './webDriver.ts'

export const WEBKIT_INSTALL_COMMAND =
  'apt-get install -y webkit2gtk-driver xvfb python3-gi gir1.2-webkit2-4.1'

const running = new Set<ChildProcess>()

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return
  try {
    process.kill(-child.pid, signal)
  } catch {
    // Already gone.
  }
}

process.on('exit', () => {
  for (const child of running) killGroup(child, 'SIGKILL')
})

function spawnGroup(
  file: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; extraFd?: boolean },
): ChildProcess {
  const child = spawn(file, args, {
    detached: true,
    env: options.env ?? process.env,
    stdio:
      options.extraFd === true
        ? ['ignore', 'ignore', 'pipe', 'pipe']
        : ['ignore', 'ignore', 'pipe'],
  })
  running.add(child)
  child.on('exit', () => running.delete(child))
  return child
}

/** Stops a process group: SIGTERM, then SIGKILL if it has not gone within `graceMs`. */
export async function stopGroup(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    killGroup(child, 'SIGKILL') // its children may outlive it
    return
  }
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve()
    })
  })
  killGroup(child, 'SIGTERM')
  const timer = setTimeout(() => {
    killGroup(child, 'SIGKILL')
  }, graceMs)
  await exited
  clearTimeout(timer)
  killGroup(child, 'SIGKILL')
}

function stderrTail(child: ChildProcess): () => string {
  let tail = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-2_000)
  })
  return () => tail
}

function exitedEarly(child: ChildProcess, name: string, tail: () => string): Promise<never> {
  return new Promise((_, reject) => {
    child.once('exit', (code, signal) => {
      reject(new Error(`${name} exited (${code ?? signal}) before it was ready:\n${tail()}`))
    })
    child.once('error', (error) => {
      reject(error)
    })
  })
}

export function findExecutable(name: string, dirs = ['/usr/bin', '/usr/local/bin']): string {
  for (const dir of dirs) if (existsSync(`${dir}/${name}`)) return `${dir}/${name}`
  throw new Error(`${name} is not installed. Run: ${WEBKIT_INSTALL_COMMAND}`)
}

export type Display = { display: string; stop: () => Promise<void> }

/** An Xvfb display of its own (it picks a free number and reports it on fd 3). */
export async function startXvfb(): Promise<Display> {
  const xvfb = findExecutable('Xvfb')
  const child = spawnGroup(
    xvfb,
    ['-displayfd', '3', '-screen', '0', '1600x1200x24', '-nolisten', 'tcp', '-noreset'],
    { extraFd: true },
  )
  const tail = stderrTail(child)
  const fd3 = child.stdio[3]
  if (fd3 === null || fd3 === undefined) throw new Error('Xvfb: no display pipe')
  const number = new Promise<string>((resolve) => {
    let text = ''
    fd3.on('data', (chunk: Buffer) => {
      text += chunk.toString()
      if (text.includes('\n')) resolve(text.trim())
    })
  })
  const display = `:${await Promise.race([number, exitedEarly(child, 'Xvfb', tail)])}`
  return { display, stop: () => stopGroup(child) }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => {
        if (address === null || typeof address === 'string') reject(new Error('no port'))
        else resolve(address.port)
      })
    })
  })
}

export type Driver = { url: string; stop: () => Promise<void> }

/** WebKitWebDriver on a free local port, once it answers /status as ready. */
export async function startWebKitDriver(display: string): Promise<Driver> {
  const binary = findExecutable('WebKitWebDriver')
  const port = await freePort()
  const child = spawnGroup(binary, [`--port=${port}`, '--host=127.0.0.1'], {
    env: { ...process.env, DISPLAY: display },
  })
  const tail = stderrTail(child)
  const url = `http://127.0.0.1:${port}`
  const state = { gone: false }
  const ready = (async () => {
    while (!state.gone) {
      const status = await command(url, 'GET', '/status').catch(() => undefined)
      if (typeof status === 'object' && status !== null && 'ready' in status) return
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  })()
  try {
    await Promise.race([ready, exitedEarly(child, 'WebKitWebDriver', tail)])
  } catch (error) {
    state.gone = true
    throw error
  }
  return { url, stop: () => stopGroup(child) }
}
