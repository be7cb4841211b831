// A sync round pulls while it uploads (src/sync/syncOnce.ts): a withdrawal made in the middle
// of a tablet's morning photos reaches it without waiting for the last photo to go up. Here
// the server holds every photo upload until the tablet's pull has asked for its changes; a
// round that uploaded first and pulled after would never end.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { loadPolicyContext, withdrawConsent } from '../../../src/db/index.ts'
import { DEMO_SETTING_ID, DEMO_SHOWCASE, DEMO_STAFF } from '../../../src/demo/index.ts'
import { evaluateCapture } from '../../../src/policy/index.ts'
import { syncOnce } from '../../../src/sync/index.ts'
import { capturePhoto } from '../../support/capturedPhoto.ts'
import { CLEAR_ATTESTATIONS } from '../../support/policyFixture.ts'
import { enrolledDevice, type Device } from '../../support/syncedDevice.ts'
import { startTestServer, type TestServer } from '../../support/testServer.ts'
import { testSigner } from '../../support/testSigners.ts'

const CHILD = DEMO_SHOWCASE.allGranted.id
let server: TestServer

beforeAll(async () => {
  server = await startTestServer('sqlite')
})
afterAll(async () => {
  await server.close()
})

async function verdictOn(device: Device) {
  const at = new Date().toISOString()
  const context = await loadPolicyContext(device.db, { now: at, deviceId: device.deviceId })
  const request = {
    staffId: DEMO_STAFF.practitioner.id,
    deviceId: device.deviceId,
    locationId: 'demo-loc-garden',
    at,
    childIds: [CHILD],
    purposes: ['display' as const],
    adultInFrame: false,
    attestations: { ...CLEAR_ATTESTATIONS },
    caption: 'Painting',
    reason: null,
  }
  return evaluateCapture(request, context).verdict
}

it('applies a withdrawal pulled while its photos are still going up', async () => {
  const manager = await enrolledDevice(server, DEMO_SETTING_ID)
  const tablet = await enrolledDevice(server, DEMO_SETTING_ID)
  expect((await syncOnce({ db: manager.db })).ok).toBe(true)
  expect((await syncOnce({ db: tablet.db })).ok).toBe(true)
  expect(await verdictOn(tablet)).toBe('allow')
  for (let i = 0; i < 4; i++)
    await capturePhoto(tablet.db, { deviceId: tablet.deviceId, size: 20_000 })

  const withdrawal = await withdrawConsent(
    manager.db,
    {
      childId: CHILD,
      purposes: ['display'],
      givenBy: { name: 'Parent', relationship: 'mother', parentalResponsibility: true },
    },
    await testSigner(manager.db, DEMO_STAFF.manager.id),
    new Date().toISOString(),
  )
  expect(withdrawal.ok).toBe(true)
  expect((await syncOnce({ db: manager.db })).ok).toBe(true)

  let pulled: () => void = () => undefined
  const pullAnswered = new Promise<void>((resolve) => {
    pulled = resolve
  })
  const order: string[] = []
  const holding: typeof fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input)
    if (url.includes('/content')) {
      await pullAnswered
      order.push('upload')
      return fetch(input, init)
    }
    const response = await fetch(input, init)
    if (url.includes('/api/sync/pull')) {
      order.push('pull')
      pulled()
    }
    return response
  }
  const round = await syncOnce({ db: tablet.db, fetch: holding })
  expect(round).toMatchObject({ ok: true, value: { uploaded: 4 } })
  expect(order[0]).toBe('pull')
  expect(await verdictOn(tablet)).toBe('block')
  const sent = await tablet.db.photos.where('syncState').equals('sent').count()
  expect(sent).toBe(4)
})
