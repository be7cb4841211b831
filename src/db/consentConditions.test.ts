import { afterEach, describe, expect, it } from 'vitest'
import { captureSetting } from '../../tests/support/captureTestData.ts'
import { consentConditions } from './consentConditions.ts'
import type { ConsentLensDb } from './ConsentLensDb.ts'

let db: ConsentLensDb | undefined
afterEach(async () => {
  await db?.delete()
})

describe('consentConditions', () => {
  it("returns the parents' conditions by consent record id, blank ones left out", async () => {
    db = await captureSetting()
    await db.consents.update('consent-child-alma-learning_journey', {
      conditions: '  No photos in the paddling pool ',
    })
    await db.consents.update('consent-child-alma-display', { conditions: '   ' })
    const conditions = await consentConditions(db)
    expect([...conditions]).toEqual([
      ['consent-child-alma-learning_journey', 'No photos in the paddling pool'],
    ])
  })
})
