import { describe, expect, it } from 'vitest'
import {
  AUDIT_DAY,
  NAMES,
  at,
  blockedEvent,
  busyDay,
  deletedEvent,
  photo,
  tagRemovedEvent,
  sealAll,
} from '../../tests/support/auditTestData.ts'
import { auditCsvRows, AUDIT_CSV_HEADER, dailyAuditCsv } from './dailyAuditCsv.ts'
import { buildDailyAudit, chainWords } from './dailyAudit.ts'
import { verifyChain } from './verifyChain.ts'

type RawEvent = Parameters<typeof sealAll>[0][number]

function audit(
  photos = [photo(1), photo(2)],
  raw: RawEvent[] = [blockedEvent(3), deletedEvent(4, 'photo-2')],
) {
  const events = sealAll(raw)
  return buildDailyAudit({
    day: AUDIT_DAY,
    timeZone: 'Europe/London',
    photos,
    events,
    chain: verifyChain(events),
    names: NAMES,
  })
}

describe('buildDailyAudit', () => {
  it('lists every photo with names and words, in time order', () => {
    const result = audit([photo(5, { reason: 'For the display' }), photo(1)])
    expect(result.photos.map((p) => p.photoId)).toEqual(['photo-1', 'photo-5'])
    expect(result.photos[1]).toMatchObject({
      time: '08:05',
      staff: 'Morgan Ellery',
      location: 'Ladybirds room',
      children: ['Child5 Tester', 'Child10 Tester'],
      verdict: 'Allowed',
      reason: 'For the display',
      sync: 'Sent to the server',
      quarantined: null,
    })
  })

  it('lists the parents’ conditions checked for a photo: which, by whom, when', () => {
    const checked = {
      childId: 'child-5',
      consentIds: ['consent-5'],
      purposes: ['learning_journey' as const],
      text: 'No photos in the paddling pool',
      staffId: 'sam',
      at: at(6),
    }
    const result = audit([photo(5, { conditionsAcknowledged: [checked] }), photo(1)])
    expect(result.photos[1]?.conditions).toEqual([
      'Child5 Tester’s parents: “No photos in the paddling pool” (learning journey). Checked by Sam Okafor at 08:06',
    ])
    // A photo saved before conditions were recorded says so, rather than "none".
    expect(result.photos[0]?.conditions).toBeNull()
    const csv = auditCsvRows(audit([photo(5, { conditionsAcknowledged: [checked] })], []))
    const column = AUDIT_CSV_HEADER.indexOf('Parents’ conditions checked')
    expect(csv[0]?.[column]).toMatch(/“No photos in the paddling pool”.*Checked by Sam Okafor/)
  })

  it('counts a capture blocked at the save and then discarded as one attempt, with every rule', () => {
    const result = audit([], [blockedEvent(3, 'c1', 'save'), blockedEvent(4, 'c1', 'discarded')])
    expect(result.totals.blocked).toBe(1)
    expect(result.blocked[0]?.rules).toHaveLength(2)
    expect(result.blocked[0]).toMatchObject({ staff: 'Sam Okafor', children: ['Child3 Tester'] })
  })

  it('totals exactly what it lists, flags and quarantine included', () => {
    const flagged = photo(7, {
      flaggedForRemoval: [{ at: at(9), childId: 'child-7', purposes: ['display'] }],
    })
    const quarantined = {
      ...photo(8),
      quarantine: { at: at(10), rules: ['consent-refused'], message: 'Consent refused' },
    }
    const result = audit([photo(1), flagged, quarantined])
    expect(result.totals).toEqual({
      photos: 3,
      blocked: 1,
      tagRemovals: 0,
      deletions: 1,
      quarantined: 1,
      flagged: 1,
    })
    expect(result.deletions[0]).toMatchObject({ staff: 'Morgan Ellery', reason: 'Blurred' })
    expect(result.photos[1]?.flaggedForRemoval).toEqual([
      'Child7 Tester: consent withdrawn for displays in the setting',
    ])
  })

  it('lists a tag removed after a block: who confirmed which child was not in the photo', () => {
    const result = audit([], [tagRemovedEvent(6)])
    expect(result.totals.tagRemovals).toBe(1)
    expect(result.tagRemovals[0]).toMatchObject({
      staff: 'Sam Okafor',
      removedChild: 'Child4 Tester',
      location: 'Ladybirds room',
    })
    expect(result.tagRemovals[0]?.rules[0]).toMatch(/withdrew consent/)
  })

  it('says whether the audit record is intact', () => {
    expect(chainWords(audit().chain)).toBe('Audit record intact')
    const events = sealAll([blockedEvent(1), blockedEvent(2)]).toSpliced(0, 1)
    expect(chainWords(verifyChain(events))).toMatch(/^Audit record not intact: Event 1 is missing/)
  })
})

describe('dailyAuditCsv', () => {
  it('writes one rectangular table: photos, blocked attempts, tags removed, deletions', () => {
    const events = [blockedEvent(3), deletedEvent(4, 'photo-2'), tagRemovedEvent(5)]
    const rows = auditCsvRows(audit([photo(1), photo(2)], events))
    expect(rows.map((r) => r[0])).toEqual([
      'Photo',
      'Photo',
      'Blocked attempt',
      'Tag removed after a block',
      'Deletion',
    ])
    expect(rows.every((r) => r.length === AUDIT_CSV_HEADER.length)).toBe(true)
    expect(dailyAuditCsv(audit()).split('\r\n')[0]).toBe(AUDIT_CSV_HEADER.join(','))
  })

  it('neutralises a typed reason that looks like a formula', () => {
    const csv = dailyAuditCsv(audit([photo(1, { reason: '=cmd|"/c calc"!A1' })], []))
    expect(csv).toContain(`"'=cmd|""/c calc""!A1"`)
  })

  it.each([
    ['a space before =', ' =cmd', `' =cmd`],
    ['a line feed before =', '\n=cmd', `"'\n=cmd"`],
    ['a full-width =', '\uff1dcmd', `'\uff1dcmd`],
    ['a full-width +', '\uff0bcmd', `'\uff0bcmd`],
    ['a full-width -', '\uff0dcmd', `'\uff0dcmd`],
    ['a full-width @', '\uff20cmd', `'\uff20cmd`],
    ['a semicolon', 'Park; slide', `"Park; slide"`],
    ['a tab', 'Park\tslide', `"Park\tslide"`],
  ])('writes a reason with %s as one safe cell', (_what, reason, cell) => {
    const csv = dailyAuditCsv(audit([photo(1, { reason })], []))
    expect(csv.split(',')).toContain(cell)
  })

  it('handles a busy day', () => {
    const day = busyDay(1000, 5000)
    const result = buildDailyAudit({
      day: AUDIT_DAY,
      timeZone: 'UTC',
      photos: day.photos,
      events: day.events,
      chain: verifyChain(day.events),
      names: NAMES,
    })
    expect(result.chain.ok).toBe(true)
    expect(result.totals.photos).toBe(1000)
    expect(auditCsvRows(result)).toHaveLength(
      1000 + result.blocked.length + result.deletions.length,
    )
  })
})
