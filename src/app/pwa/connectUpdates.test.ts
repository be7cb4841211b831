import { describe, expect, it } from 'vitest'
import { connectUpdates } from './connectUpdates.ts'
import type { UpdateChannel } from './connectUpdates.ts'

/** A stand-in for workbox-window's Workbox: records messages, lets the test fire events. */
function fakeChannel() {
  const listeners = new Map<string, (() => void)[]>()
  const channel = {
    skipWaitingMessages: 0,
    addEventListener(type: 'waiting' | 'controlling', listener: () => void) {
      listeners.set(type, [...(listeners.get(type) ?? []), listener])
    },
    messageSkipWaiting() {
      channel.skipWaitingMessages += 1
    },
    fire(type: 'waiting' | 'controlling') {
      for (const listener of listeners.get(type) ?? []) listener()
    },
  } satisfies UpdateChannel & Record<string, unknown>
  return channel
}

function setUp() {
  const channel = fakeChannel()
  const calls = { waiting: 0, reloads: 0 }
  const applyUpdate = connectUpdates(channel, {
    onWaiting: () => {
      calls.waiting += 1
    },
    reload: () => {
      calls.reloads += 1
    },
  })
  return { channel, calls, applyUpdate }
}

describe('connectUpdates', () => {
  it('reports a waiting version and does nothing else', () => {
    const { channel, calls } = setUp()
    channel.fire('waiting')
    expect(calls).toEqual({ waiting: 1, reloads: 0 })
    expect(channel.skipWaitingMessages).toBe(0)
  })

  it('never reloads when a new version takes control without being asked (another tab)', () => {
    const { channel, calls } = setUp()
    channel.fire('waiting')
    channel.fire('controlling')
    expect(calls.reloads).toBe(0)
  })

  it('on "Update now" asks the waiting version to take over, then reloads once it has', () => {
    const { channel, calls, applyUpdate } = setUp()
    channel.fire('waiting')
    applyUpdate()
    expect(channel.skipWaitingMessages).toBe(1)
    expect(calls.reloads).toBe(0)
    channel.fire('controlling')
    expect(calls.reloads).toBe(1)
  })

  it('sends one message however often "Update now" is tapped', () => {
    const { channel, applyUpdate } = setUp()
    applyUpdate()
    applyUpdate()
    expect(channel.skipWaitingMessages).toBe(1)
  })
})
