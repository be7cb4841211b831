/**
 * The tablet's end of live changes (server: src/server/live/liveChanges.ts): a long GET of
 * `/api/sync/live` read as Server-Sent Events, calling `onChange` when the setting changed so
 * the engine syncs at once instead of at its next 30 s tick. An event that carries consent
 * records taking consent away (src/protocol/live.ts) has them applied first, as a pull's
 * restrictions are (applyPulled.ts): capture is blocked before the round has even started.
 *
 * Why fetch and not EventSource: EventSource cannot send the `Authorization` header, and the
 * device credential must not travel in a URL (URLs end up in logs and proxies' histories). A
 * short-lived ticket would add a second credential to issue, store and expire; a streamed
 * fetch with the same Bearer header adds nothing to trust. Safari and Chromium both stream
 * fetch bodies.
 *
 * Invariants:
 * - Best effort only: the 30 s tick never stops, so a stream that drops, a server without
 *   the route, or a proxy that buffers everything costs speed, never a change.
 * - After a drop it reconnects with the sync backoff, and on every reconnect asks for a round
 *   (changes made while it was away were not signalled).
 * - A stream silent for longer than `silenceMs` (the server writes a comment every 25 s) is
 *   taken as dead and opened again.
 * - A refusal (401, 403: not enrolled, revoked) asks for a round, which handles it, and stops.
 * - An event's records are applied one event at a time, in arrival order, each before its
 *   `onChange`; data that does not parse or validate is ignored (the round brings the same
 *   records), and a failed apply still asks for the round.
 */
import type { ConsentLensDb } from '../db/index.ts'
import { LIVE_CHANGED, LiveChangedSchema, type PullChange } from '../protocol/index.ts'
import { applyPulled } from './applyPulled.ts'
import { backoffDelay } from './backoff.ts'
import type { Fetch } from './syncApi.ts'
import type { Timers } from './timers.ts'
import { getEnrolment, openSyncState } from './syncStateDb.ts'

export interface LiveSignalOptions {
  db: ConsentLensDb
  onChange: () => void
  fetch?: Fetch
  timers: Timers
  random: () => number
  now?: () => Date
  silenceMs?: number
}

export interface LiveSignal {
  close(): void
}

export const LIVE_SILENCE_MS = 60_000

async function liveRequest(db: ConsentLensDb): Promise<{ url: string; auth: string } | null> {
  const state = openSyncState(db.name)
  try {
    const enrolment = await getEnrolment(state)
    if (enrolment === null) return null
    const base = enrolment.serverUrl.replace(/\/+$/, '')
    const query = new URLSearchParams({ settingId: enrolment.settingId })
    return { url: `${base}/api/sync/live?${query.toString()}`, auth: enrolment.credential }
  } finally {
    state.close()
  }
}

/**
 * Calls `onEvent` with each event's name and data (its `data:` lines joined, '' for none) as
 * the text arrives; the rest is kept for later.
 */
function eventParser(onEvent: (name: string, data: string) => void): (text: string) => void {
  let buffer = ''
  return (text) => {
    buffer += text.replace(/\r\n?/g, '\n')
    let end = buffer.indexOf('\n\n')
    while (end !== -1) {
      const block = buffer.slice(0, end)
      buffer = buffer.slice(end + 2)
      const name = /^event: ?(.*)$/m.exec(block)?.[1]
      const data = [...block.matchAll(/^data: ?(.*)$/gm)].map((m) => m[1]).join('\n')
      if (name !== undefined) onEvent(name, data)
      end = buffer.indexOf('\n\n')
    }
  }
}

/** The records an event's data carries that take consent away; none if it is not ours. */
function restrictionsIn(data: string): PullChange[] {
  let body: unknown
  try {
    body = JSON.parse(data)
  } catch {
    return []
  }
  const parsed = LiveChangedSchema.safeParse(body)
  if (!parsed.success) return []
  // Only records that take consent away may be applied ahead of the ones before them.
  const restrictions = parsed.data.restrictions ?? []
  return restrictions.filter(
    (c) => c.payload.status === 'withdrawn' || c.payload.status === 'refused',
  )
}

export function openLiveSignal(options: LiveSignalOptions): LiveSignal {
  const { timers, onChange } = options
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis)
  const silenceMs = options.silenceMs ?? LIVE_SILENCE_MS
  const now = options.now ?? (() => new Date())
  // Each event's records are applied after the last event's, then its round is asked for.
  let applying: Promise<void> = Promise.resolve()
  const changed = (data: string) => {
    const restrictions = restrictionsIn(data)
    if (restrictions.length === 0) {
      onChange()
      return
    }
    applying = applying
      .then(() => applyPulled(options.db, restrictions, now().toISOString()))
      .catch(() => undefined)
      .then(() => {
        if (!closed) onChange()
      })
  }
  let closed = false
  let failures = 0
  let connections = 0
  let abort: AbortController | null = null
  let retry: unknown = null
  let silence: unknown = null

  function watchSilence(): void {
    if (silence !== null) timers.clearTimeout(silence)
    silence = timers.setTimeout(() => abort?.abort(), silenceMs)
  }

  /** One connection, until it ends; 'refused' when the server will not have it. */
  async function connect(): Promise<'ended' | 'refused'> {
    const request = await liveRequest(options.db)
    if (request === null || closed) return 'ended'
    abort = new AbortController()
    const response = await fetchFn(request.url, {
      headers: { authorization: `Bearer ${request.auth}`, accept: 'text/event-stream' },
      signal: abort.signal,
    })
    if (response.status === 401 || response.status === 403) return 'refused'
    if (!response.ok || response.body === null) return 'ended'
    failures = 0
    connections += 1
    if (connections > 1) onChange()
    const parse = eventParser((name, data) => {
      if (name === LIVE_CHANGED) changed(data)
    })
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
    watchSilence()
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return 'ended'
      watchSilence()
      parse(value)
    }
  }

  function run(): void {
    retry = null
    void connect()
      .catch(() => 'ended' as const)
      .then((how) => {
        if (silence !== null) timers.clearTimeout(silence)
        silence = null
        if (closed) return
        if (how === 'refused') {
          onChange()
          return
        }
        failures += 1
        retry = timers.setTimeout(run, backoffDelay(failures, options.random))
      })
  }

  run()
  return {
    close() {
      closed = true
      abort?.abort()
      if (retry !== null) timers.clearTimeout(retry)
      if (silence !== null) timers.clearTimeout(silence)
    },
  }
}
