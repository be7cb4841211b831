/**
 * For tests: a `fetch` that hands each request to a Fastify app in the same process
 * (`app.inject`), so the real server answers without a port, a socket or a timer. What the
 * client sends (method, path and query, headers, body bytes) and what the server answers
 * (status, headers, body bytes) cross unchanged; only the host in the URL is ignored.
 */
import type { FastifyInstance } from 'fastify'

/** Statuses whose Response may carry no body (the Fetch standard's null body statuses). */
const NULL_BODY = new Set([101, 103, 204, 205, 304])

export function injectFetch(app: FastifyInstance): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init)
    const url = new URL(request.url)
    const bytes = request.body === null ? null : Buffer.from(await request.arrayBuffer())
    const answer = await app.inject({
      method: request.method as 'GET',
      url: url.pathname + url.search,
      headers: Object.fromEntries(request.headers),
      ...(bytes === null ? {} : { payload: bytes }),
    })
    const headers = new Headers()
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value === undefined) continue
      for (const one of Array.isArray(value) ? value : [value]) headers.append(name, String(one))
    }
    const body = NULL_BODY.has(answer.statusCode) ? null : new Uint8Array(answer.rawPayload)
    return new Response(body, { status: answer.statusCode, headers })
  }
}
