/**
 * For tests: the real `npm start` server (src/server/start.ts) in a process of its own, on a
 * random port, with a temporary DATA_DIR and a stand-in build (DIST_DIR), so a test can signal
 * it, kill it, and read what it printed and how it exited.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { dropSchemaAt } from './testServer.ts'

const START = fileURLToPath(new URL('../../src/server/start.ts', import.meta.url))

export interface ServerProcess {
  child: ChildProcess
  url: string
  /** A one-time enrolment code for the demo setting, as the server printed it. */
  enrolmentCode: string
  output: () => string
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>
  /** Waits until the output contains `text`. */
  waitFor: (text: string) => Promise<void>
  cleanUp: () => void
}

export async function startServerProcess(env: Record<string, string> = {}): Promise<ServerProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'consentlens-process-'))
  const distDir = join(dataDir, 'dist')
  mkdirSync(distDir)
  writeFileSync(join(distDir, 'index.html'), '<!doctype html><title>ConsentLens</title>')
  const child = spawn(process.execPath, ['--import', 'tsx', START], {
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dataDir,
      DIST_DIR: distDir,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const waiters: { text: string; resolve: () => void }[] = []
  const onData = (chunk: Buffer) => {
    output += chunk.toString('utf8')
    for (const waiter of waiters.filter((w) => output.includes(w.text))) {
      waiters.splice(waiters.indexOf(waiter), 1)
      waiter.resolve()
    }
  }
  child.stdout.on('data', onData)
  child.stderr.on('data', onData)
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      resolve(code)
    })
  })
  const waitFor = (text: string) =>
    output.includes(text)
      ? Promise.resolve()
      : Promise.race([
          new Promise<void>((resolve) => waiters.push({ text, resolve })),
          exited.then((code) => {
            throw new Error(`The server exited (${code}) before printing "${text}":\n${output}`)
          }),
        ])
  await waitFor('Enrolment code for an iPad')
  const url = /running at (\S+)/.exec(output)?.[1] ?? ''
  const enrolmentCode = /an iPad in the demo setting: (\S+)/.exec(output)?.[1] ?? ''
  return {
    child,
    url,
    enrolmentCode,
    output: () => output,
    exited,
    waitFor,
    cleanUp: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export interface OwnDatabase {
  /** DATABASE_URL for a server process: its own schema and application_name. */
  url: string
  applicationName: string
  drop: () => Promise<void>
}

/** A schema of its own in the test database, reached at `port` (a proxy) if given. */
export async function ownPostgresDatabase(baseUrl: string, port?: number): Promise<OwnDatabase> {
  const name = `t_${globalThis.crypto.randomUUID().replace(/-/g, '')}`
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: baseUrl })
    await client.connect()
    try {
      await client.query(sql)
    } finally {
      await client.end()
    }
  }
  await admin(`create schema ${name}`)
  const url = new URL(baseUrl)
  if (port !== undefined) url.port = String(port)
  // Encoded by hand: URLSearchParams writes a space as '+', which the driver keeps as is.
  url.search = `?options=${encodeURIComponent(`-c search_path=${name}`)}&application_name=${name}`
  return {
    url: url.toString(),
    applicationName: name,
    drop: () => dropSchemaAt(baseUrl, name),
  }
}

/** Ends every connection of `applicationName` from the database side, as a restart does. */
export async function terminateConnections(
  baseUrl: string,
  applicationName: string,
): Promise<number> {
  const client = new pg.Client({ connectionString: baseUrl })
  await client.connect()
  try {
    const result = await client.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1',
      [applicationName],
    )
    return result.rowCount ?? 0
  } finally {
    await client.end()
  }
}
