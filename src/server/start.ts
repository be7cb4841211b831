// The command behind `npm start` (through tsx) and `npm run serve` (compiled to
// dist-server/start.js): opens the storage (SQLite in DATA_DIR, or PostgreSQL when
// DATABASE_URL is set), then serves the built app (dist/) and the API on PORT (8080) and HOST
// (0.0.0.0), over HTTPS when TLS_CERT/TLS_KEY are set. It never builds anything.
// The demo (demoMode.ts): while no real setting exists and DEMO is not `off`, it seeds the demo
// setting and prints its published PIN and a code for a first iPad. A real setting's server
// prints where it listens and how to get a code, never a PIN or a code.
// On SIGINT/SIGTERM it stops accepting connections, closes idle keep-alive connections at once
// (and each one as it falls idle), lets open requests finish within SHUTDOWN_GRACE_SECONDS
// (30 s), then closes the database and exits 0. A request still open after the grace is cut
// and the process exits 1: an upload cut so is resumed by the tablet from the last chunk the
// server confirmed (chunks are at most 1 MiB), so nothing is lost. A second signal ends the
// process at once.
import { readFileSync } from 'node:fs'
import { createServer } from 'node:https'
import type { FastifyInstance, FastifyServerOptions } from 'fastify'
import { DEMO_SETTING_ID, DEMO_STAFF } from '../demo/index.ts'
import { buildServer } from './app.ts'
import { appDirFor } from './appDir.ts'
import { readServerConfig, type ServerConfig } from './config.ts'
import { createEnrolmentCode } from './devices/enrolment.ts'
import { idleConnectionCloser } from './idleConnections.ts'
import { startMode, type StartMode } from './demoMode.ts'
import { displayUrl, readListenOptions } from './listenOptions.ts'
import { openStorage } from './openStorage.ts'
import { startRetentionSchedule } from './retention/retentionSchedule.ts'
import { startFlagsDueSweep } from './ingest/flagsDueSweep.ts'
import { seedDemoSetting } from './seedDemoSetting.ts'

const options = readListenOptions(process.env)
const config = readServerConfig(process.env)
if (!options.ok || !config.ok) {
  console.error(options.ok ? (config.ok ? '' : config.error) : options.error)
  process.exit(1)
}

let storage: Awaited<ReturnType<typeof openStorage>>
try {
  storage = await openStorage({
    database: config.value.database,
    photoDir: config.value.photoDir,
    thumbnailRetentionHours: config.value.thumbnailRetentionHours,
    partialUploadMaxAgeHours: config.value.partialUploadMaxAgeHours,
    partialUploadLimitBytes: config.value.partialUploadLimitBytes,
  })
} catch (error) {
  console.error(`ConsentLens could not open its database (${config.value.database.kind}).`)
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
}
const { services } = storage
const mode = await startMode(services.db, process.env)
const seeded = mode.kind === 'demo' && (await seedDemoSetting(services.db, services.now()))

const distDir = config.value.distDir ?? appDirFor(import.meta.url)
const app = buildServer({
  distDir,
  logger: { level: config.value.logLevel },
  sync: services,
  trustProxy: config.value.trustProxy,
  hsts: config.value.tls !== null,
  ...httpsFactory(config.value),
})
// Retention: what is past its time is erased at start, then daily.
const retention = startRetentionSchedule(services)
// Removal flags a withdrawal still owed when the server last stopped: written now, then swept.
const flagsDue = startFlagsDueSweep(services)
app.addHook('onClose', async () => {
  retention.stop()
  flagsDue.stop()
  await storage.close()
})
stopGracefullyOn(app, ['SIGINT', 'SIGTERM'], config.value.shutdownGraceMs)

try {
  await app.listen(options.value)
} catch (error) {
  console.error(`ConsentLens could not start on ${options.value.host}:${options.value.port}.`)
  console.error(error instanceof Error ? error.message : error)
  await storage.close()
  process.exit(1)
}
const address = app.server.address()
const port = typeof address === 'object' && address !== null ? address.port : options.value.port
const url = displayUrl(options.value.host, port).replace(
  /^http:/,
  config.value.tls ? 'https:' : 'http:',
)
console.log(`ConsentLens is running at ${url}`)
console.log(`Storage: ${config.value.database.kind}${seeded ? ' (demo setting created)' : ''}`)
for (const line of await startMessage(mode)) console.log(line)

async function startMessage(current: StartMode): Promise<string[]> {
  const admin = 'consentlens-admin (in a checkout: npm run admin --)'
  if (current.kind === 'real') {
    return [
      ...current.settings.map((s) => `Setting: ${s.name} (${s.id})`),
      'To enrol a tablet: the manager signs in on an enrolled tablet and taps Tablets → Add a tablet,',
      `or run: ${admin} enrolment-code --setting <setting id>`,
    ]
  }
  if (current.kind === 'empty') {
    return [
      'No setting yet, and the demo is off (DEMO=off). Create your setting with:',
      `${admin} create-setting --name "<your setting>" --manager "<manager's full name>"`,
    ]
  }
  const code = await createEnrolmentCode(
    services.db,
    DEMO_SETTING_ID,
    'server-start',
    services.now(),
  )
  return [
    `This is the demo setting: sample data only. Set up your own with ${admin} create-setting.`,
    `Demo manager: ${DEMO_STAFF.manager.name}, PIN ${DEMO_STAFF.manager.pin} (sample data only)`,
    `Enrolment code for an iPad in the demo setting: ${code.code} (valid 15 minutes)`,
  ]
}

function httpsFactory(value: ServerConfig): {
  serverFactory?: FastifyServerOptions['serverFactory']
} {
  if (value.tls === null) return {}
  const tls = { cert: readFileSync(value.tls.certFile), key: readFileSync(value.tls.keyFile) }
  return { serverFactory: (handler) => createServer(tls, handler) }
}

function stopGracefullyOn(
  server: FastifyInstance,
  signals: NodeJS.Signals[],
  graceMs: number,
): void {
  const closeIdle = idleConnectionCloser(server.server)
  for (const signal of signals) {
    // `once`: a second Ctrl+C falls through to Node's default and ends the process at once.
    process.once(signal, () => {
      console.log(`${signal} received: finishing open requests, then stopping.`)
      setTimeout(() => {
        console.error(`Still busy after ${graceMs / 1000} s; stopping anyway.`)
        process.exit(1)
      }, graceMs).unref()
      // Idle connections (between requests, or never used) would hold the server until the
      // grace runs out: closed now, and each one as it falls idle.
      closeIdle()
      const reaper = setInterval(closeIdle, 100)
      reaper.unref()
      server.close().then(
        () => {
          clearInterval(reaper)
          console.log('Stopped; the database is closed.')
          process.exit(0)
        },
        (error: unknown) => {
          console.error('Error while stopping:', error)
          process.exit(1)
        },
      )
    })
  }
}
