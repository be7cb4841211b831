// A tablet catching up on thousands of records blocks capture before it has read every page:
// a page that is not the last, or is big, carries the withdrawals and refusals in it or after it
// (src/protocol/pull.ts), and the tablet applies them first (src/sync/pullChanges.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_SETTING_ID } from '../../../src/demo/index.ts'
import { PullResponseSchema } from '../../../src/protocol/index.ts'
import { putEntity } from '../../../src/server/storage/entities.ts'
import { syncOnce } from '../../../src/sync/index.ts'
import { FIRST_PAGE } from '../../../src/sync/pullChanges.ts'
import { getEnrolment, openSyncState } from '../../../src/sync/syncStateDb.ts'
import { enrolledDevice, synced } from '../../support/syncedDevice.ts'
import { BACKENDS, startTestServer, type TestServer } from '../../support/testServer.ts'

const RECORDS = 2_500
const TOTAL = RECORDS + 3
const CHILD = 'first-child-0'

function consent(i: number, status: 'granted' | 'withdrawn' | 'refused', at: string) {
  return {
    id: `first-consent-${i}`,
    childId: status === 'granted' ? `first-child-${(i % 49) + 1}` : CHILD,
    purpose: 'learning_journey' as const,
    status,
    givenBy: { name: `Parent ${i}`, relationship: 'mother', parentalResponsibility: true },
    recordedAt: at,
    recordedBy: 'first-manager',
    reviewDue: null,
    supersedes: null,
    formRef: `FORM-${i}`,
  }
}

describe.each(BACKENDS)('restrictions travel first on $backend', ({ backend, skip }) => {
  let server: TestServer
  const at = new Date().toISOString()

  beforeAll(async () => {
    if (skip) return
    server = await startTestServer(backend)
    await server.services.db.transaction().execute(async (trx) => {
      // Thousands of grants, then a withdrawal and a refusal for one child, then a grant.
      const statuses = [
        ...Array<'granted'>(RECORDS).fill('granted'),
        'withdrawn',
        'refused',
        'granted',
      ] as const
      for (const [i, status] of statuses.entries()) {
        const record = consent(i, status, at)
        await putEntity(trx, DEMO_SETTING_ID, 'consent', record.id, record, at)
      }
    })
  }, 120_000)
  afterAll(async () => {
    if (!skip) await server.close()
  })

  it.skipIf(skip)(
    'a withdrawal beyond the first page is on the tablet though the pull stopped after it',
    { timeout: 60_000 },
    async () => {
      const device = await enrolledDevice(server, DEMO_SETTING_ID)
      const firstPages: { restrictions: string[] | undefined; more: boolean }[] = []
      // The network fails after the first page: only what came with it can be on the tablet.
      const failingAfterOnePage: typeof fetch = async (input, init) => {
        const url = new URL(input instanceof Request ? input.url : String(input))
        if (!url.pathname.endsWith('/api/sync/pull')) return fetch(input, init)
        if (firstPages.length > 0) throw new TypeError('network down')
        const response = await fetch(input, init)
        const page = PullResponseSchema.parse(await response.clone().json())
        firstPages.push({
          restrictions: page.restrictions?.map((r) => `${r.payload.status} ${r.payload.childId}`),
          more: page.more,
        })
        return response
      }
      const outcome = await syncOnce({ db: device.db, fetch: failingAfterOnePage })
      expect(outcome.ok).toBe(false)
      // The demo setting's own refusals and withdrawals come with them (all are after 0).
      expect(firstPages).toHaveLength(1)
      expect(firstPages[0]?.more).toBe(true)
      expect(firstPages[0]?.restrictions).toEqual(
        expect.arrayContaining([`withdrawn ${CHILD}`, `refused ${CHILD}`]),
      )
      const held = await device.db.consents.where('childId').equals(CHILD).toArray()
      expect(held.map((c) => c.status).sort()).toContain('withdrawn')
      expect(held.map((c) => c.status)).toContain('refused')
      // The cursor covers the first page only; the rest comes on the next round.
      const state = openSyncState(device.db.name)
      const cursor = (await getEnrolment(state))?.cursor ?? 0
      state.close()
      expect(cursor).toBeLessThan(RECORDS)
      // A big last page carries them too, to be applied before it.
      const lastPages: { restrictions: number | undefined; more: boolean }[] = []
      const watching: typeof fetch = async (input, init) => {
        const response = await fetch(input, init)
        if (String(input instanceof Request ? input.url : input).includes('/api/sync/pull')) {
          const page = PullResponseSchema.parse(await response.clone().json())
          lastPages.push({ restrictions: page.restrictions?.length, more: page.more })
        }
        return response
      }
      const again = await syncOnce({ db: device.db, fetch: watching })
      expect(again.ok).toBe(true)
      expect(lastPages.at(-1)).toEqual({ restrictions: 2, more: false })
      expect(await device.db.consents.where('id').startsWith('first-consent-').count()).toBe(TOTAL)
    },
  )

  it.skipIf(skip)(
    'a tablet that has synced starts its round with a small page that brings a new withdrawal',
    { timeout: 60_000 },
    async () => {
      const device = await enrolledDevice(server, DEMO_SETTING_ID)
      await synced(device)
      await server.services.db.transaction().execute(async (trx) => {
        for (let i = 0; i < 3 * FIRST_PAGE; i++) {
          const record = { ...consent(i, 'granted', at), id: `later-consent-${i}` }
          await putEntity(trx, DEMO_SETTING_ID, 'consent', record.id, record, at)
        }
        const withdrawal = { ...consent(0, 'withdrawn', at), id: 'later-withdrawal' }
        await putEntity(trx, DEMO_SETTING_ID, 'consent', withdrawal.id, withdrawal, at)
      })
      const asked: { limit: string | null; restrictions: string[] | undefined }[] = []
      const failingAfterOnePage: typeof fetch = async (input, init) => {
        const url = new URL(input instanceof Request ? input.url : String(input))
        if (!url.pathname.endsWith('/api/sync/pull')) return fetch(input, init)
        if (asked.length > 0) throw new TypeError('network down')
        const response = await fetch(input, init)
        const page = PullResponseSchema.parse(await response.clone().json())
        asked.push({
          limit: url.searchParams.get('limit'),
          restrictions: page.restrictions?.map((r) => r.payload.id),
        })
        return response
      }
      expect((await syncOnce({ db: device.db, fetch: failingAfterOnePage })).ok).toBe(false)
      expect(asked).toEqual([{ limit: String(FIRST_PAGE), restrictions: ['later-withdrawal'] }])
      expect(await device.db.consents.get('later-withdrawal')).toMatchObject({
        status: 'withdrawn',
      })
      // The rest; then a small last page carries none: they are in it.
      expect((await syncOnce({ db: device.db, fetch })).ok).toBe(true)
      const state = openSyncState(device.db.name)
      const enrolment = await getEnrolment(state)
      state.close()
      const since = (enrolment?.cursor ?? 0) - 5
      const small = await fetch(
        `${server.url}/api/sync/pull?settingId=${DEMO_SETTING_ID}&since=${since}`,
        { headers: { authorization: `Bearer ${enrolment?.credential ?? ''}` } },
      )
      const page = PullResponseSchema.parse(await small.json())
      expect(page.changes.map((c) => c.payload.id)).toContain('later-withdrawal')
      expect(page.restrictions).toBeUndefined()
    },
  )
})
