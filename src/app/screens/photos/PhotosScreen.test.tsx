// @vitest-environment jsdom
// Photos on this tablet: the time a photo was taken in the setting's one format (en-GB),
// whatever language the browser speaks.
import { screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { savePhoto, type ConsentLensDb } from '../../../db/index.ts'
import {
  captureSetting,
  draft,
  encoded,
  SAVE_TIME,
} from '../../../../tests/support/captureTestData.ts'
import { MANAGER, PRACTITIONER } from '../../../../tests/support/testDb.ts'
import { renderInWorkspace } from '../../../../tests/support/renderInWorkspace.tsx'
import { formatDayTime } from '../../components/formatDate.ts'
import { PhotosScreen } from './PhotosScreen.tsx'

let db: ConsentLensDb
const EN_US = new Intl.DateTimeFormat('en-US', { dateStyle: 'short', timeStyle: 'medium' })

beforeEach(async () => {
  // An en-US browser: what toLocaleString says there ("5/1/2026, 10:00:00 AM").
  vi.spyOn(Date.prototype, 'toLocaleString').mockImplementation(function (this: Date) {
    return EN_US.format(this)
  })
  // jsdom has no object URLs (and Node's refuse the stored thumbnail); the list only needs a
  // URL string per thumbnail, as in AuditScreen.test.tsx.
  let made = 0
  vi.spyOn(URL, 'createObjectURL').mockImplementation(() => `blob:test/${String((made += 1))}`)
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined)
  db = await captureSetting()
})
afterEach(() => {
  vi.restoreAllMocks()
})

describe('PhotosScreen', () => {
  it('says when a photo was taken as "1 May 2026, 11:00", not in the browser’s locale', async () => {
    const saved = await savePhoto(db, draft(), encoded(), PRACTITIONER, SAVE_TIME)
    expect(saved.ok).toBe(true)
    await renderInWorkspace(db, MANAGER.id, <PhotosScreen />)
    const when = formatDayTime(draft().takenAt)
    expect(when).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}$/)
    expect(await screen.findByText(when)).toBeTruthy()
    expect(screen.queryByText(/AM|PM/)).toBeNull()
  })
})
