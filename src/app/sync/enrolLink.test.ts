// @vitest-environment jsdom
// The enrol link: made from the server's address and the code; opened, the app takes a
// well-formed code from the address (and removes it from the address bar) for the enrol form.
import { afterEach, describe, expect, it } from 'vitest'
import {
  clearPendingEnrolCode,
  enrolLink,
  pendingEnrolCode,
  takeEnrolCodeFromAddress,
} from './enrolLink.ts'

afterEach(() => {
  clearPendingEnrolCode()
  history.replaceState(null, '', '/')
})

describe('enrol link', () => {
  it('carries the code to the server’s own address', () => {
    expect(enrolLink('https://photos.example.org/app?x=1#y', 'ABCDE-FGHJK')).toBe(
      'https://photos.example.org/?enrol=ABCDE-FGHJK',
    )
  })

  it('is read once at start: the form gets the code, the address bar loses it', () => {
    history.replaceState(null, '', '/?enrol=abcde-fghjk&other=1')
    takeEnrolCodeFromAddress()
    expect(pendingEnrolCode()).toBe('ABCDE-FGHJK')
    expect(location.search).toBe('?other=1')
  })

  it('ignores a code that cannot be one (wrong length or letters never used)', () => {
    history.replaceState(null, '', '/?enrol=ABCDE-FGHJ0')
    takeEnrolCodeFromAddress()
    expect(pendingEnrolCode()).toBeNull()
    expect(location.search).toBe('')
  })
})
