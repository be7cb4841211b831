// The /api surface of the server, registered under the /api prefix: a health check (the only
// route without authentication besides enrolment), and, when the server has storage, the sync,
// enrolment, manager, audit export and photo library routes. Unknown /api paths are answered by the not-found handler in
// app.ts, so they get JSON, never the app's HTML.
import type { FastifyPluginAsync } from 'fastify'
import { sql } from 'kysely'
import { apiError } from '../protocol/apiError.ts'
import { auditRoutes } from './routes/auditRoutes.ts'
import { enrolRoute } from './routes/enrolRoute.ts'
import { staffRequestAccess } from './library/staffAccess.ts'
import { libraryRoutes } from './routes/libraryRoutes.ts'
import { managerRoutes } from './routes/managerRoutes.ts'
import { syncRoutes } from './routes/syncRoutes.ts'
import type { SyncServices } from './services.ts'

export type HealthResponse = { ok: true }

export function apiRoutes(sync: SyncServices | null): FastifyPluginAsync {
  return async (api) => {
    api.get('/health', async (request, reply) => {
      if (sync !== null) {
        try {
          await sql`select 1`.execute(sync.db)
        } catch (error) {
          request.log.warn({ err: error }, 'health: database not answering')
          const message =
            'The database is not answering. The server keeps running and recovers by itself when the database is back.'
          return reply.code(503).send(apiError('database_unavailable', message))
        }
      }
      return { ok: true } satisfies HealthResponse
    })
    if (sync === null) return
    await api.register(enrolRoute(sync))
    await api.register(syncRoutes(sync), { prefix: '/sync' })
    await api.register(managerRoutes(sync), { prefix: '/manager' })
    await api.register(auditRoutes(sync), { prefix: '/audit' })
    await api.register(libraryRoutes(sync, staffRequestAccess(sync)), { prefix: '/library' })
  }
}
