// A push is applied in slices (src/server/routes/syncRoutes.ts); a slice that withdraws or
// refuses consent tells the setting's open tablets as soon as it commits, before the rest of
// the batch is applied, and the rest is told when the push ends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_SETTING_ID, DEMO_STAFF, demoChildId } from '../../../src/demo/index.ts'
import type { PushChange } from '../../../src/protocol/index.ts'
import { liveChangesOf } from '../../../src/server/live/liveChanges.ts'
import { demoSigners, signedChange, type TestSigner } from '../../support/signedChanges.ts'
import { call, enrolDevice } from '../../support/serverFixtures.ts'
import { BACKENDS, startTestServer, type TestServer } from '../../support/testServer.ts'

const MANAGER = DEMO_STAFF.manager.id

function consent(i: number, status: 'granted' | 'withdrawn') {
  return {
    id: globalThis.crypto.randomUUID(),
    childId: demoChildId('ordinary6'),
    purpose: i % 2 === 0 ? 'website' : 'display',
    status,
    givenBy: { name: 'Parent', relationship: 'mother', parentalResponsibility: true },
    recordedAt: new Date(Date.now() - 60_000 + i).toISOString(),
    recordedBy: MANAGER,
    reviewDue: null,
    supersedes: null,
  }
}

describe.each(BACKENDS)('a withdrawal is told first on $backend', ({ backend, skip }) => {
  let server: TestServer
  let device: { deviceId: string; credential: string }
  let signers: Map<string, TestSigner>
  /** The setting of each notification the server sent. */
  const told: string[] = []

  beforeAll(async () => {
    if (skip) return
    signers = demoSigners()
    server = await startTestServer(backend)
    device = await enrolDevice(server, DEMO_SETTING_ID)
    const hub = liveChangesOf(server.services)
    const notify = hub.notify.bind(hub)
    hub.notify = (settingId, except, news) => {
      told.push(settingId)
      notify(settingId, except, news)
    }
  })
  afterAll(async () => {
    if (!skip) await server.close()
  })

  const signed = (payload: object): PushChange =>
    signedChange(DEMO_SETTING_ID, signers.get(MANAGER)!, 'consent', payload)

  it.skipIf(skip)(
    'tells when the withdrawal’s slice commits, then again when the batch is in',
    async () => {
      // The withdrawal in the first slice of twenty, a second slice of grants after it.
      const changes = [
        signed(consent(0, 'withdrawn')),
        ...Array.from({ length: 39 }, (_, i) => signed(consent(i + 1, 'granted'))),
      ]
      told.length = 0
      const answer = await call(server, 'POST', '/api/sync/push', {
        credential: device.credential,
        json: { settingId: DEMO_SETTING_ID, changes },
      })
      expect(answer.status).toBe(200)
      expect(told).toEqual([DEMO_SETTING_ID, DEMO_SETTING_ID])
    },
  )

  it.skipIf(skip)('a batch without a withdrawal is told once, when it is in', async () => {
    const changes = Array.from({ length: 40 }, (_, i) => signed(consent(i + 100, 'granted')))
    told.length = 0
    await call(server, 'POST', '/api/sync/push', {
      credential: device.credential,
      json: { settingId: DEMO_SETTING_ID, changes },
    })
    expect(told).toEqual([DEMO_SETTING_ID])
  })
})
