// @vitest-environment jsdom
// The capture screen's "not to be photographed now" strip: who may not be in any photo, and
// who may not be in this one for some of its purposes, in words.
import { cleanup, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { allGranted, grant, makeContext } from '../../../../tests/support/policyFixture.ts'
import type { Child, Location } from '../../../db/index.ts'
import { ExclusionStrip } from './ExclusionStrip.tsx'
import { roomChildren } from './roomChildren.ts'

afterEach(cleanup)

function child(id: string, firstName: string, roomId = 'r1'): Child {
  return {
    id,
    firstName,
    lastName: 'Test',
    roomId,
    keyworkerId: 's1',
    dateOfBirth: '2023-01-01',
    leavingDate: null,
  }
}

const CHILDREN = [child('c1', 'Amelia'), child('c2', 'Oliver'), child('c3', 'Isla')]
const room: Location = {
  id: 'room',
  name: 'Main room',
  kind: 'room',
  roomId: 'r1',
  archived: false,
}

function context() {
  return makeContext({
    consents: [
      ...allGranted(['c1']),
      // Oliver: withdrawn for the learning journey, displays still fine.
      grant('c2', 'learning_journey', { status: 'withdrawn' }),
      grant('c2', 'display'),
      // Isla: nothing at all.
    ],
  })
}

describe('roomChildren', () => {
  it('[consent-withdrawn] lists a child restricted for the photo’s purposes apart from those excluded outright', () => {
    const result = roomChildren(CHILDREN, room, null, context(), ['learning_journey'])
    expect(result.exclusions.map((e) => e.child.id)).toEqual(['c3'])
    expect(result.restricted.map((r) => [r.child.id, r.reasons.map((x) => x.code)])).toEqual([
      ['c2', ['withdrawn']],
    ])
  })

  it('follows the purposes chosen: for displays only, Oliver may be in the photo', () => {
    const result = roomChildren(CHILDREN, room, null, context(), ['display'])
    expect(result.restricted).toEqual([])
  })

  it('shows both in words on the strip', () => {
    const result = roomChildren(CHILDREN, room, null, context(), ['learning_journey', 'website'])
    render(<ExclusionStrip room={result} open onToggle={() => undefined} />)
    const strip = screen.getByRole('region', { name: 'Not to be photographed now' })
    expect(strip.textContent).toContain('Isla Test (no consent)')
    expect(strip.textContent).toContain(
      'Oliver Test (not for learning journey: consent withdrawn; not for the website: no consent)',
    )
    expect(strip.textContent).not.toContain('Amelia')
  })

  it('folds to a count, with the names on demand, so a long list never pushes the camera away', async () => {
    const result = roomChildren(CHILDREN, room, null, context(), ['learning_journey', 'website'])
    const onToggle = vi.fn()
    const { rerender } = render(<ExclusionStrip room={result} open={false} onToggle={onToggle} />)
    const toggle = screen.getByRole('button', { name: /Not to be photographed now: 2 children/ })
    expect(toggle.getAttribute('aria-expanded')).toBe('false')
    expect(screen.queryByRole('list')).toBeNull()
    await userEvent.setup().click(toggle)
    expect(onToggle).toHaveBeenCalledOnce()
    rerender(<ExclusionStrip room={result} open onToggle={onToggle} />)
    expect(screen.getByRole('list', { name: 'Not to be photographed now' }).textContent).toContain(
      'Isla Test',
    )
  })
})
