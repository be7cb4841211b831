/**
 * Live changes: the server tells the open tablets of a setting that something changed there,
 * as Server-Sent Events (`GET /api/sync/live`, behind the same device credential as every
 * sync route). The event says "changed": the tablet then runs a sync round, which pulls through
 * the ordinary, authenticated, paged pull. When the change took consent away, the event also
 * carries those consent records (`LiveNews`, src/protocol/live.ts), so the other tablets block
 * capture before their pull has made its way through a busy server. A tablet whose stream
 * drops falls back to its 30 s tick and reconnects.
 *
 * Invariants:
 * - A stream says nothing a pull would not: that the setting changed, or the restrictions the
 *   device's next pull would carry, and those only to the devices the server read, in the
 *   transaction that wrote them, as enrolled in the setting and not revoked. A stream whose
 *   device was not among those is ended instead: it opens again and is refused.
 * - One stream per device: a new one ends the device's old one, so a tablet that reconnects
 *   many times holds one connection, and the server's count of streams is bounded by devices.
 * - The device that made a change is not told of it (it already has it).
 * - A comment line every `heartbeatMs` keeps idle connections open through proxies and lets a
 *   tablet notice a dead one; `closeAll` ends every stream, so a shutdown does not wait for
 *   them. One process: a server run as several processes would need a shared channel.
 */
import { PassThrough, type Readable } from 'node:stream'
import { LIVE_CHANGED } from '../../protocol/index.ts'

/** What an event tells beyond "changed", and to which devices it may be told. */
export interface LiveNews {
  /** The event's data: one line of JSON (`LiveChangedSchema`). */
  data: string
  /** The devices that may read it (enrolled in the setting and not revoked). */
  to: ReadonlySet<string>
  /** The devices whose enrolment was read for it; a stream opened since is told "changed". */
  checked: ReadonlySet<string>
}

export interface LiveChanges {
  /** A stream of events for this device; it ends when `close` is called or a newer one opens. */
  open(device: { id: string; settingId: string }, onEnd: () => void): Readable
  /**
   * Tells every open stream of the setting, except the device that made the change; with
   * `news`, its data to the devices it may go to, and ends the streams of the others it
   * checked (streams opened since it was read are told only "changed").
   */
  notify(settingId: string, exceptDeviceId: string | null, news?: LiveNews): void
  /** The devices with a stream open in the setting, except `exceptDeviceId`. */
  listening(settingId: string, exceptDeviceId: string | null): string[]
  /** How many streams are open (for health and tests). */
  size(): number
  closeAll(): void
}

export const HEARTBEAT_MS = 25_000

interface Stream {
  deviceId: string
  settingId: string
  out: PassThrough
}

export function liveChanges(heartbeatMs = HEARTBEAT_MS): LiveChanges {
  const byDevice = new Map<string, Stream>()
  let heartbeat: ReturnType<typeof setInterval> | null = null

  function end(stream: Stream): void {
    if (byDevice.get(stream.deviceId) === stream) byDevice.delete(stream.deviceId)
    if (byDevice.size === 0 && heartbeat !== null) {
      clearInterval(heartbeat)
      heartbeat = null
    }
    stream.out.end()
  }

  function beat(): void {
    for (const stream of byDevice.values()) stream.out.write(': ping\n\n')
  }

  return {
    open(device, onEnd) {
      const old = byDevice.get(device.id)
      if (old !== undefined) end(old)
      const stream: Stream = {
        deviceId: device.id,
        settingId: device.settingId,
        out: new PassThrough(),
      }
      byDevice.set(device.id, stream)
      stream.out.on('close', () => {
        end(stream)
        onEnd()
      })
      heartbeat ??= setInterval(beat, heartbeatMs)
      heartbeat.unref()
      // The first bytes: the tablet knows the stream is open (and headers are flushed).
      stream.out.write(': open\n\n')
      return stream.out
    },
    notify(settingId, exceptDeviceId, news) {
      for (const stream of [...byDevice.values()]) {
        if (stream.settingId !== settingId || stream.deviceId === exceptDeviceId) continue
        if (news?.to.has(stream.deviceId) === true)
          stream.out.write(`event: ${LIVE_CHANGED}\ndata: ${news.data}\n\n`)
        else if (news?.checked.has(stream.deviceId) === true) end(stream)
        else stream.out.write(`event: ${LIVE_CHANGED}\ndata: {}\n\n`)
      }
    },
    listening(settingId, exceptDeviceId) {
      const ids: string[] = []
      for (const stream of byDevice.values())
        if (stream.settingId === settingId && stream.deviceId !== exceptDeviceId)
          ids.push(stream.deviceId)
      return ids
    },
    size: () => byDevice.size,
    closeAll() {
      for (const stream of [...byDevice.values()]) end(stream)
    },
  }
}

const hubs = new WeakMap<object, LiveChanges>()

/** The one hub of a server's services (routes that change a setting's data notify it). */
export function liveChangesOf(services: object): LiveChanges {
  let hub = hubs.get(services)
  if (hub === undefined) {
    hub = liveChanges()
    hubs.set(services, hub)
  }
  return hub
}
