/**
 * The morning burst's tablets, in a process of their own (see loadBurst.ts). Each is the real
 * sync client on its own fake-indexeddb database, as in loadTablets.ts; what a fleet adds is
 * that they do not share the event loop of the tablets that measure the withdrawal. Thirty
 * tablets applying each other's records keep their process's thread busy most of the burst,
 * and a tablet sharing that thread waited its turn behind them (a real tablet has a CPU of its
 * own): the withdrawal measured the simulator's queue as much as the server.
 *
 * Run as a child (`fork`). The parent sends requests by id and gets one reply each:
 * `prepare` (enrol the tablets over HTTP and give each its day offline), `send` (every tablet
 * syncs until it has nothing left; replies with the problems met and the request timings),
 * `cpu` (this process's CPU time so far), `close`. Enrolment codes come from the bench server
 * through the parent (`serverCall` messages), which alone talks to it.
 */
import 'fake-indexeddb/auto'
import type { BenchReply, BenchRequest } from './benchServer.ts'
import {
  dayOffline,
  newTablets,
  newTimings,
  sendAll,
  timedFetch,
  type Tablet,
  type Timings,
} from './loadTablets.ts'
import type { BenchServer } from './syncBench.ts'

/** What the parent asks a fleet; each request goes with an id its reply carries back. */
export type FleetAsk =
  | { op: 'prepare'; serverUrl: string; settingIds: string[]; changes: number; photos: number }
  | { op: 'send' }
  | { op: 'cpu' }
  | { op: 'close' }
export type FleetRequest = FleetAsk & { id: number }

export type FleetReply = BenchReply

/** The fleet asks the bench server something, through the parent. */
export interface ServerCall {
  serverCall: number
  request: Omit<Extract<BenchRequest, { op: 'enrolmentCode' }>, 'id'>
}
export type ServerCallReply = { serverCall: number } & (
  { ok: true; value: unknown } | { ok: false; error: string }
)

export interface SendReport {
  problems: string[]
  timings: Timings
}

const send = (message: FleetReply | ServerCall) => process.send?.(message)

const waitingCalls = new Map<number, (reply: ServerCallReply) => void>()
let nextCall = 1

function serverThroughParent(url: string): BenchServer {
  return {
    url,
    call: (request) =>
      new Promise((resolve, reject) => {
        if (request.op !== 'enrolmentCode')
          throw new Error(`a fleet only asks for enrolment codes, not ${request.op}`)
        const serverCall = nextCall++
        waitingCalls.set(serverCall, (reply) => {
          waitingCalls.delete(serverCall)
          if (reply.ok) resolve(reply.value)
          else reject(new Error(reply.error))
        })
        send({ serverCall, request })
      }),
  }
}

let tablets: Tablet[] = []
let timings = newTimings()

async function answer(request: FleetRequest): Promise<unknown> {
  switch (request.op) {
    case 'prepare': {
      const server = serverThroughParent(request.serverUrl)
      tablets = await newTablets(server, request.settingIds, timings)
      for (const tablet of tablets) await dayOffline(tablet, request.changes, request.photos)
      return tablets.length
    }
    case 'send': {
      timings = newTimings()
      // The tablets' requests from now on count in the fresh timings (enrolment's do not).
      for (const tablet of tablets) tablet.fetch = timedFetch(timings)
      const problems = (await Promise.all(tablets.map(sendAll))).flat()
      return { problems, timings } satisfies SendReport
    }
    case 'cpu':
      return process.cpuUsage()
    case 'close':
      setImmediate(() => process.exit(0))
      return null
  }
}

process.on('message', (message: FleetRequest | ServerCallReply) => {
  if ('serverCall' in message) {
    waitingCalls.get(message.serverCall)?.(message)
    return
  }
  answer(message).then(
    (value) => send({ id: message.id, ok: true, value }),
    (error: unknown) =>
      send({
        id: message.id,
        ok: false,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      }),
  )
})
