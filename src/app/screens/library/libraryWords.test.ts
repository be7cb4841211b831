// The library's words: a photo's state now with why, and a withdrawal since it was taken said
// for its purpose, naming the child (on screen only; file names never do).
import { describe, expect, it } from 'vitest'
import type { LibraryPhoto } from '../../../protocol/index.ts'
import { stateWords, withdrawnLines } from './libraryWords.ts'

const photo = (overrides: Partial<LibraryPhoto> = {}): LibraryPhoto => ({
  id: 'p1',
  takenAt: '2026-11-20T10:00:00.000Z',
  staffId: 's1',
  locationId: 'l1',
  childIds: ['c1'],
  purposes: ['learning_journey', 'display'],
  caption: '',
  width: 640,
  height: 480,
  stored: true,
  hasThumbnail: true,
  state: 'in_use',
  flags: [],
  quarantine: null,
  erased: null,
  uses: [],
  approvals: [],
  ...overrides,
})
const name = (id: string) => (id === 'c1' ? 'Ava Appleby' : id)

describe('libraryWords', () => {
  it('says why a photo is flagged for removal', () => {
    const flagged = photo({
      state: 'flagged',
      flags: [{ at: '2026-11-25T09:00:00.000Z', childId: 'c1', purposes: ['display'] }],
    })
    expect(stateWords(flagged, name)).toEqual({
      tone: 'warn',
      text: "Flagged for removal: Ava Appleby's consent for displays in the setting was withdrawn on Wednesday 25 November 2026",
    })
  })

  it('[consent-withdrawn] says a withdrawal since capture for its purpose, and since when', () => {
    const withdrawn = photo({
      uses: [
        { purpose: 'learning_journey', allowed: true, reasons: [] },
        {
          purpose: 'display',
          allowed: false,
          reasons: [
            {
              code: 'consent-withdrawn',
              childId: 'c1',
              since: '2026-11-25T09:00:00.000Z',
              message: 'Parent withdrew consent for displays in the setting on 2026-11-25.',
            },
          ],
        },
      ],
    })
    expect(withdrawnLines(withdrawn, name)).toEqual([
      'Displays in the setting: withdrawn since Wednesday 25 November 2026 for Ava Appleby',
    ])
  })
})
