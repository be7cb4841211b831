import { describe, expect, it } from 'vitest'
import { NAMES, blockedEvent, sealAll } from '../../tests/support/auditTestData.ts'
import { managerAlerts, type AlertInput } from './managerAlerts.ts'
import type { RefusalFact } from './refusalWords.ts'
import { verifyChain } from './verifyChain.ts'

const NOW = '2026-11-23T12:00:00.000Z'
const calm: AlertInput = {
  now: NOW,
  timeZone: 'UTC',
  names: NAMES,
  unsent: [],
  flagged: [],
  quarantined: 0,
  reviews: { overdue: 0, dueSoon: 0 },
  chain: { ok: true, count: 0, head: null },
}

describe('managerAlerts', () => {
  it('raises nothing when nothing needs attention', () => {
    expect(managerAlerts(calm)).toEqual([])
  })

  it('counts photos unsent 24 hours after capture, with the oldest, and ignores newer ones', () => {
    const alerts = managerAlerts({
      ...calm,
      unsent: [
        { takenAt: '2026-11-21T09:12:00.000Z', deviceId: 'tablet-1' },
        { takenAt: '2026-11-22T11:59:00.000Z', deviceId: 'tablet-1' },
        { takenAt: '2026-11-23T08:00:00.000Z', deviceId: 'tablet-1' },
      ],
    })
    expect(alerts).toHaveLength(1)
    expect(alerts[0]?.title).toBe('2 photos not sent to the server 24 hours after capture')
    expect(alerts[0]?.detail).toContain('21 Nov 2026, 09:12')
  })

  it('says which children and uses a withdrawal concerns', () => {
    const flagged = [
      {
        childIds: ['child-1'],
        flaggedForRemoval: [{ at: NOW, childId: 'child-1', purposes: ['display' as const] }],
      },
    ]
    const [alert] = managerAlerts({ ...calm, flagged })
    expect(alert?.title).toBe('1 photo to remove after a withdrawal of consent')
    expect(alert?.detail).toContain('Child1 Tester: displays in the setting')
  })

  it('raises reviews, a broken chain, quarantine and unseen tablets, the chain first', () => {
    const events = sealAll([blockedEvent(1), blockedEvent(2)]).toSpliced(0, 1)
    const alerts = managerAlerts({
      ...calm,
      reviews: { overdue: 1, dueSoon: 2 },
      chain: verifyChain(events),
      quarantined: 3,
      unseenDevices: [{ deviceId: 'tablet-9', lastSeen: '2026-11-10T10:00:00.000Z' }],
    })
    expect(alerts.map((a) => a.id)).toEqual(['chain', 'quarantined', 'reviews', 'devices'])
    expect(alerts[0]?.title).toMatch(/^Audit record not intact/)
  })

  it('raises another tablet’s audit record the server found broken, naming the tablet', () => {
    const chainProblems = [
      {
        deviceId: 'tablet-2',
        name: 'Room 2 iPad',
        message: 'Event 3 is missing from the record.',
        detectedAt: '2026-11-22T16:30:00.000Z',
      },
    ]
    const [alert] = managerAlerts({ ...calm, chainProblems })
    expect(alert?.id).toBe('tabletChains')
    expect(alert?.title).toBe('The audit record of 1 tablet did not check out on the server')
    expect(alert?.detail).toContain('“Room 2 iPad”: Event 3 is missing from the record.')
    expect(alert?.detail).toContain('22 Nov 2026, 16:30')
  })

  it('counts the whole setting’s quarantined photos, saying how many are on this tablet', () => {
    const [alert] = managerAlerts({ ...calm, quarantined: 1, settingQuarantined: 4 })
    expect(alert?.title).toBe('4 photos quarantined by the server')
    expect(alert?.detail).toMatch(/^1 of them on this tablet\./)
    expect(managerAlerts({ ...calm, settingQuarantined: 0 })).toEqual([])
  })

  it('names an unseen tablet by the name it was enrolled with', () => {
    const unseenDevices = [
      { deviceId: 'tablet-9', name: 'Garden iPad', lastSeen: '2026-11-10T10:00:00.000Z' },
    ]
    const [alert] = managerAlerts({ ...calm, unseenDevices })
    expect(alert?.detail).toMatch(/^Garden iPad \(last seen 10 Nov 2026, 10:00\)/)
  })

  it('says the local demo’s photos are sample photos kept on the tablet, not late ones', () => {
    const alerts = managerAlerts({
      ...calm,
      sampleOnly: true,
      unsent: [{ takenAt: '2026-11-21T09:12:00.000Z', deviceId: 'demo-device' }],
    })
    expect(alerts).toHaveLength(1)
    expect(alerts[0]?.title).toBe('1 sample photo on this tablet only')
    expect(alerts[0]?.detail).not.toMatch(/demo-device|Wi-Fi/)
    expect(alerts[0]?.detail).toMatch(/as sample data/)
  })
})

describe('refused changes', () => {
  const refusal = (
    kind: RefusalFact['kind'],
    payload: unknown,
    outcome: RefusalFact['outcome'],
  ) => ({
    id: `change-${kind}`,
    kind,
    entityId: 'entity-1',
    madeAt: '2026-11-23T10:05:00.000Z',
    actorId: 'sam',
    message: 'Refused.',
    payload,
    outcome,
  })

  it.each([
    [
      refusal('consent', { childId: 'child-1', purpose: 'website', status: 'granted' }, 'removed'),
      /^Consent of \S+ \S+ for .*website.* \(granted\), changed by Sam Okafor on 23 Nov 2026, 10:05: Refused\. It has been removed from this tablet/i,
    ],
    [
      refusal('injury', { childId: 'child-1' }, 'kept'),
      /^Injury record of .*This tablet still shows its own version\.$/,
    ],
    [
      refusal('staff', { name: 'Jo Lindqvist' }, 'server-copy'),
      /^Staff record of Jo Lindqvist, changed by Sam Okafor .*server’s version\.$/,
    ],
    [refusal('staffPin', { id: 'entity-1' }, 'server-copy'), /^New PIN of /],
    [
      refusal('child', { firstName: 'Ada', lastName: 'Byron' }, 'removed'),
      /^Roster entry of Ada Byron,/,
    ],
    [refusal('location', { name: 'Garden' }, 'removed'), /^Location “Garden”,/],
    [refusal('photo', { takenAt: '2026-11-23T10:00:00.000Z' }, 'kept'), /^Photo taken /],
  ])('says what was refused, who made it, why and what the tablet did (%#)', (r, line) => {
    const alerts = managerAlerts({ ...calm, refusals: [r] })
    expect(alerts).toEqual([
      expect.objectContaining({
        id: 'refused',
        title: '1 change made on this tablet refused by the server',
        seenIds: [r.id],
        items: [expect.stringMatching(line)],
      }),
    ])
  })
})
