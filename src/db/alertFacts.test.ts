import { afterEach, describe, expect, it } from 'vitest'
import { photo } from '../../tests/support/auditTestData.ts'
import { loadAlertFacts } from './alertFacts.ts'
import type { ConsentLensDb } from './ConsentLensDb.ts'
import { smallSetting } from '../../tests/support/testDb.ts'

let db: ConsentLensDb
afterEach(async () => {
  await db.delete()
})

const FLAG = {
  at: '2026-11-23T10:00:00.000Z',
  childId: 'child-alma',
  purposes: ['display' as const],
}

describe('loadAlertFacts', () => {
  it('reads unsent and flagged photos that are still kept, and quarantine once sync sets it', async () => {
    db = await smallSetting()
    const gone = { at: '2026-11-23T11:00:00.000Z', by: 'manager', reason: 'Blurred' }
    await db.photos.bulkAdd([
      photo(1, { syncState: 'waiting' }),
      photo(2, { syncState: 'uploading', flaggedForRemoval: [FLAG] }),
      photo(3, { syncState: 'sent' }),
      photo(4, { syncState: 'waiting', deleted: gone, flaggedForRemoval: [FLAG] }),
    ])
    // As sync stores the server's quarantine (src/sync applies it from the pull).
    await db.photos.add({
      ...photo(5, { syncState: 'sent' }),
      quarantine: { at: FLAG.at, rules: ['consent-refused'], message: 'Refused' },
    })
    const facts = await loadAlertFacts(db)
    expect(facts.unsent.map((p) => p.id).sort()).toEqual(['photo-1', 'photo-2'])
    expect(facts.flagged.map((p) => p.id)).toEqual(['photo-2'])
    expect(facts.quarantined).toBe(1)
    expect(facts.children.map((c) => c.id)).toEqual(['child-alma', 'child-bodhi'])
  })
})
