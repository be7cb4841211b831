// The /api surface of the server, registered under the /api prefix. Today it only answers a
// health check; the sync API will be added here as further routes. Unknown /api paths are
// answered by the not-found handler in app.ts, so they get JSON, never the app's HTML.
import type { FastifyPluginCallback } from 'fastify'

export type HealthResponse = { ok: true }

export const apiRoutes: FastifyPluginCallback = (api, _options, done) => {
  api.get('/health', (): HealthResponse => ({ ok: true }))
  done()
}
