// The command behind `npm start`: serve the built app (dist/) on PORT (8080) and HOST
// (0.0.0.0). On SIGINT/SIGTERM it stops accepting connections and lets open requests finish,
// so a restart during a sync never cuts an upload in half; a second signal, or 10 s without
// finishing, ends the process anyway.
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import { buildServer } from './app.ts'
import { displayUrl, readListenOptions } from './listenOptions.ts'

const SHUTDOWN_GRACE_MS = 10_000

const options = readListenOptions(process.env)
if (!options.ok) {
  console.error(options.error)
  process.exit(1)
}

const distDir = fileURLToPath(new URL('../../dist', import.meta.url))
const app = buildServer({ distDir, logger: { level: 'warn' } })
stopGracefullyOn(app, ['SIGINT', 'SIGTERM'])

try {
  await app.listen(options.value)
} catch (error) {
  console.error(`ConsentLens could not start on ${options.value.host}:${options.value.port}.`)
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
}
const address = app.server.address()
const port = typeof address === 'object' && address !== null ? address.port : options.value.port
console.log(`ConsentLens is running at ${displayUrl(options.value.host, port)}`)

function stopGracefullyOn(server: FastifyInstance, signals: NodeJS.Signals[]): void {
  for (const signal of signals) {
    // `once`: a second Ctrl+C falls through to Node's default and ends the process at once.
    process.once(signal, () => {
      console.log(`${signal} received: finishing open requests, then stopping.`)
      setTimeout(() => {
        console.error(`Still busy after ${SHUTDOWN_GRACE_MS / 1000} s; stopping anyway.`)
        process.exit(1)
      }, SHUTDOWN_GRACE_MS).unref()
      server.close().then(
        () => {
          console.log('Stopped.')
        },
        (error: unknown) => {
          console.error('Error while stopping:', error)
          process.exitCode = 1
        },
      )
    })
  }
}
