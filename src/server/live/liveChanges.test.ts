import { describe, expect, it } from 'vitest'
import type { Readable } from 'node:stream'
import { liveChanges } from './liveChanges.ts'

function collect(stream: Readable): { text: () => string; ended: Promise<void> } {
  let text = ''
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8')
  })
  const ended = new Promise<void>((resolve) =>
    stream.on('close', () => {
      resolve()
    }),
  )
  return { text: () => text, ended }
}

const changed = 'event: changed\ndata: {}\n\n'

describe('liveChanges', () => {
  it('tells the other devices of the setting, not the one that made the change nor another setting', async () => {
    const hub = liveChanges()
    const maker = collect(hub.open({ id: 'a', settingId: 's1' }, () => undefined))
    const other = collect(hub.open({ id: 'b', settingId: 's1' }, () => undefined))
    const elsewhere = collect(hub.open({ id: 'c', settingId: 's2' }, () => undefined))
    hub.notify('s1', 'a')
    await new Promise((resolve) => setImmediate(resolve))
    expect(other.text()).toBe(`: open\n\n${changed}`)
    expect(maker.text()).toBe(': open\n\n')
    expect(elsewhere.text()).toBe(': open\n\n')
    hub.closeAll()
    await Promise.all([maker.ended, other.ended, elsewhere.ended])
    expect(hub.size()).toBe(0)
  })

  it('keeps one stream per device: a new one ends the old', async () => {
    const hub = liveChanges()
    const first = collect(hub.open({ id: 'a', settingId: 's1' }, () => undefined))
    const second = collect(hub.open({ id: 'a', settingId: 's1' }, () => undefined))
    await first.ended
    expect(hub.size()).toBe(1)
    hub.notify('s1', null)
    await new Promise((resolve) => setImmediate(resolve))
    expect(second.text()).toContain(changed)
    expect(first.text()).not.toContain(changed)
    hub.closeAll()
  })

  it('forgets a stream the client closed', async () => {
    const hub = liveChanges()
    let ended = 0
    const stream = hub.open({ id: 'a', settingId: 's1' }, () => {
      ended += 1
    })
    const seen = collect(stream)
    stream.destroy()
    await seen.ended
    expect(hub.size()).toBe(0)
    expect(ended).toBe(1)
  })

  it('tells news to the devices it names, and ends the streams of the others', async () => {
    const hub = liveChanges()
    const maker = collect(hub.open({ id: 'a', settingId: 's1' }, () => undefined))
    const enrolled = collect(hub.open({ id: 'b', settingId: 's1' }, () => undefined))
    const revoked = collect(hub.open({ id: 'c', settingId: 's1' }, () => undefined))
    const elsewhere = collect(hub.open({ id: 'd', settingId: 's2' }, () => undefined))
    expect(hub.listening('s1', 'a').sort()).toEqual(['b', 'c'])
    // Opened after the enrolments were read: told only that something changed.
    const later = collect(hub.open({ id: 'e', settingId: 's1' }, () => undefined))
    const data = '{"restrictions":[]}'
    hub.notify('s1', 'a', { data, to: new Set(['b']), checked: new Set(['b', 'c']) })
    await revoked.ended
    expect(enrolled.text()).toBe(`: open\n\nevent: changed\ndata: ${data}\n\n`)
    expect(later.text()).toBe(`: open\n\n${changed}`)
    expect(revoked.text()).toBe(': open\n\n')
    expect(maker.text()).toBe(': open\n\n')
    expect(elsewhere.text()).toBe(': open\n\n')
    expect(hub.listening('s1', null).sort()).toEqual(['a', 'b', 'e'])
    hub.closeAll()
  })
})
