// A fresh tablet's first pull of thousands of records (src/sync/pullChanges.ts): the largest
// pages the server gives, the next one asked for while one is applied, the cursor saved only
// after the page it covers; the server works out its facts for the last page only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_SETTING_ID } from '../../../src/demo/index.ts'
import { MAX_PULL_LIMIT, PURPOSES, PullResponseSchema } from '../../../src/protocol/index.ts'
import { putEntity } from '../../../src/server/storage/entities.ts'
import { syncOnce } from '../../../src/sync/index.ts'
import { getEnrolment, openSyncState } from '../../../src/sync/syncStateDb.ts'
import { enrolledDevice } from '../../support/syncedDevice.ts'
import { BACKENDS, startTestServer, type TestServer } from '../../support/testServer.ts'

const RECORDS = 4_200

describe.each(BACKENDS)('a first pull of thousands of records on $backend', ({ backend, skip }) => {
  let server: TestServer

  beforeAll(async () => {
    if (skip) return
    server = await startTestServer(backend)
    const at = new Date().toISOString()
    await server.services.db.transaction().execute(async (trx) => {
      for (let i = 0; i < RECORDS; i++) {
        const record = {
          id: `pages-consent-${i}`,
          childId: `pages-child-${i % 400}`,
          purpose: PURPOSES[i % PURPOSES.length]!,
          status: 'granted' as const,
          givenBy: { name: `Parent ${i}`, relationship: 'mother', parentalResponsibility: true },
          recordedAt: at,
          recordedBy: 'pages-manager',
          reviewDue: null,
          supersedes: null,
          formRef: `FORM-${i}`,
        }
        await putEntity(trx, DEMO_SETTING_ID, 'consent', record.id, record, at)
      }
    })
  }, 120_000)
  afterAll(async () => {
    if (!skip) await server.close()
  })

  it.skipIf(skip)(
    'asks for the largest pages, each while the one before is applied, and keeps every record',
    { timeout: 60_000 },
    async () => {
      const device = await enrolledDevice(server, DEMO_SETTING_ID)
      const state = openSyncState(device.db.name)
      const pulls: {
        limit: string | null
        cursorSaved: number
        hasFacts: boolean
        more: boolean
      }[] = []
      const watching: typeof fetch = async (input, init) => {
        const url = new URL(input instanceof Request ? input.url : String(input))
        if (!url.pathname.endsWith('/api/sync/pull')) return fetch(input, init)
        // Where the device's saved cursor stands when the request leaves.
        const cursorSaved = (await getEnrolment(state))?.cursor ?? -1
        const response = await fetch(input, init)
        const page = PullResponseSchema.parse(await response.clone().json())
        pulls.push({
          limit: url.searchParams.get('limit'),
          cursorSaved,
          hasFacts: page.facts !== undefined,
          more: page.more,
        })
        return response
      }
      const outcome = await syncOnce({ db: device.db, fetch: watching })
      expect(outcome.ok).toBe(true)
      expect(await device.db.consents.where('id').startsWith('pages-consent-').count()).toBe(
        RECORDS,
      )
      expect(pulls.length).toBe(3)
      expect(pulls.every((p) => p.limit === String(MAX_PULL_LIMIT))).toBe(true)
      // The second page left before the first was applied (its cursor not saved yet).
      expect(pulls[1]!.cursorSaved).toBe(pulls[0]!.cursorSaved)
      // Facts come with the last page only.
      expect(pulls.map((p) => [p.more, p.hasFacts])).toEqual([
        [true, false],
        [true, false],
        [false, true],
      ])
      expect((await device.db.device.toArray())[0]?.serverFacts).toBeDefined()
      const enrolment = await getEnrolment(state)
      state.close()
      expect(enrolment?.cursor).toBeGreaterThan(RECORDS)
    },
  )
})
