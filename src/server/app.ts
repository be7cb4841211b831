// The one HTTP server: serves the built PWA from dist/ and answers /api. Invariants:
// - sw.js and index.html are never cached without revalidation (see cacheControl.ts), so a
//   deployed update always reaches the tablets;
// - a navigation to any app path gets index.html (the app routes itself), but a missing
//   script, image or /api route is a real 404, so a broken deploy fails loudly;
// - /api answers in JSON only; a malformed request is a 400 saying what is wrong, never a 500
//   (errorHandler.ts); request bodies are limited (1 MiB of JSON nested at most 64 deep, photo
//   chunks exactly their documented maximum), and even the answers Fastify or Node give before
//   a route runs (a URL or headers too long) carry the API's envelope and security headers;
// - no /api answer may be stored by a cache (they carry the setting's data): no-store;
// - served over HTTPS directly, every answer carries HSTS.
// Imports only protocol, policy and demo, never app code: see STYLE.md.
import { existsSync } from 'node:fs'
import { relative, sep } from 'node:path'
import Fastify from 'fastify'
import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifyServerOptions,
} from 'fastify'
import fastifyStatic from '@fastify/static'
import { apiError } from '../protocol/apiError.ts'
import { apiRoutes } from './apiRoutes.ts'
import { cacheControlFor } from './cacheControl.ts'
import { errorHandler } from './errorHandler.ts'
import { MAX_JSON_DEPTH, nestsDeeperThan } from './jsonDepth.ts'
import { rawApiAnswer } from './rawApiAnswer.ts'
import type { SyncServices } from './services.ts'

export type ServerOptions = {
  /** Absolute path of the Vite build output (the folder holding index.html and sw.js). */
  distDir: string
  logger?: FastifyServerOptions['logger']
  /** Storage and clock for the sync API; without it the server only serves the app and health. */
  sync?: SyncServices
  /** Behind a reverse proxy: trust its X-Forwarded-For / -Proto (see README). */
  trustProxy?: FastifyServerOptions['trustProxy']
  /** For HTTPS: makes the underlying server (see start.ts). */
  serverFactory?: FastifyServerOptions['serverFactory']
  /** HTTPS is served directly (not by a proxy): answers carry Strict-Transport-Security. */
  hsts?: boolean
}

const JSON_BODY_LIMIT = 1024 * 1024

/**
 * Path parameters are ids of at most 200 characters (protocol IdSchema); the router measures
 * them percent-encoded, where one character takes up to 9 (three UTF-8 bytes as %XX each).
 * Fastify's default of 100 made a valid photo of a 101-character id impossible to upload.
 */
const MAX_PARAM_LENGTH = 200 * 9

const HSTS = 'max-age=31536000'

/**
 * On every response. The page may load and talk to this server only (so no photo, name or
 * consent can be sent anywhere else, even by an injected script), show its own images and the
 * blob: thumbnails and camera it makes, and never be framed by another site. Styles set from
 * script (bar widths) go through the CSSOM, which 'self' allows. Only directives every browser
 * we serve knows: WebKit logs an error on each load for one it does not (manifest-src, which
 * default-src covers anyway).
 */
export const SECURITY_HEADERS = {
  'content-security-policy': [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' blob: data:",
    "media-src 'self' blob:",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; '),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'permissions-policy': 'camera=(self), microphone=(), geolocation=()',
  'cross-origin-opener-policy': 'same-origin',
} as const

export function buildServer(options: ServerOptions): FastifyInstance {
  const { distDir } = options
  if (!existsSync(`${distDir}/index.html`)) {
    throw new Error(`No built app in ${distDir} (index.html is missing). Run: npm run build`)
  }
  const headers: Record<string, string> = { ...SECURITY_HEADERS }
  if (options.hsts === true) headers['strict-transport-security'] = HSTS
  let closing = false
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: JSON_BODY_LIMIT,
    trustProxy: options.trustProxy ?? false,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // Our own 503 (below) rather than Fastify's, so it has the API's envelope.
    return503OnClosing: false,
    frameworkErrors: (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
      // The URL is never echoed: it may carry an id, and it is what was too long.
      const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      const message = tooLong
        ? 'The address is too long. Ids are at most 200 characters.'
        : 'The address is not valid (it could not be decoded).'
      // Sent outside the routes' context: our onSend hook does not run, so set its headers.
      void reply
        .code(tooLong ? 414 : 400)
        .headers({ ...headers, 'cache-control': 'no-store' })
        .send(apiError('bad_request', message))
    },
    clientErrorHandler: (error, socket) => {
      rawApiAnswer(socket, error, headers)
    },
    ...(options.serverFactory === undefined ? {} : { serverFactory: options.serverFactory }),
  })
  app.setErrorHandler(errorHandler)
  app.removeContentTypeParser('application/json')
  const parseJson = app.getDefaultJsonParser('error', 'error')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (nestsDeeperThan(String(body), MAX_JSON_DEPTH)) {
      const message = `the JSON is nested more than ${MAX_JSON_DEPTH} levels deep`
      done(Object.assign(new Error(message), { statusCode: 400 }), undefined)
      return
    }
    void parseJson(request, String(body), done)
  })
  app.addHook('preClose', (done) => {
    closing = true
    done()
  })
  app.addHook('onRequest', async (_request, reply) => {
    if (!closing) return
    const message = 'The server is restarting. Try again in a moment; nothing was lost.'
    return reply.code(503).header('retry-after', '5').send(apiError('internal', message))
  })
  app.addHook('onSend', async (request, reply, payload) => {
    for (const [name, value] of Object.entries(headers)) void reply.header(name, value)
    if (isApiPath(pathOf(request.url))) void reply.header('cache-control', 'no-store')
    // Stopping: a connection ends after this answer instead of idling as keep-alive.
    if (closing) void reply.header('connection', 'close')
    return payload
  })

  void app.register(apiRoutes(options.sync ?? null), { prefix: '/api' })
  void app.register(fastifyStatic, {
    root: distDir,
    dotfiles: 'ignore',
    // We set Cache-Control ourselves: one policy per file, not one for the whole folder.
    cacheControl: false,
    setHeaders(reply, filePath) {
      const relativePath = relative(distDir, filePath).split(sep).join('/')
      void reply.header('cache-control', cacheControlFor(relativePath))
    },
  })

  app.setNotFoundHandler((request, reply) => {
    const path = pathOf(request.url)
    if (isApiPath(path)) {
      return reply
        .code(404)
        .send(apiError('not_found', `There is no API route ${request.method} ${path}.`))
    }
    if (isNavigation(request)) return reply.sendFile('index.html')
    return reply.code(404).type('text/plain; charset=utf-8').send('Not found')
  })

  return app
}

function pathOf(url: string): string {
  const query = url.indexOf('?')
  return query === -1 ? url : url.slice(0, query)
}

function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/')
}

// A browser loading a page (typed URL, bookmark, reload of a deep link), as opposed to a
// script, image or fetch. Browsers send Sec-Fetch-Mode; Accept is the fallback for old ones.
function isNavigation(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false
  const mode = request.headers['sec-fetch-mode']
  if (mode !== undefined) return mode === 'navigate'
  return (request.headers.accept ?? '').includes('text/html')
}
