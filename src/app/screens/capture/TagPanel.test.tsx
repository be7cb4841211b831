// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Child } from '../../../db/index.ts'
import { TagPanel } from './TagPanel.tsx'

afterEach(cleanup)

function child(id: string, firstName: string, lastName: string, roomId = 'r1'): Child {
  return {
    id,
    firstName,
    lastName,
    roomId,
    keyworkerId: 'k',
    dateOfBirth: '2023-01-01',
    leavingDate: null,
  }
}

const AVA = child('ava', 'Ava', 'Appleby')
const NOAH = child('noah', 'Noah', 'Birchwood')
const LOLA = child('lola', 'Lola', 'Oakworth', 'r2')

/** The panel as the screen uses it: removal asks first while `blocked` is true. */
function Harness(props: { blocked: boolean; onRemoved?: (id: string) => void }) {
  const [tagged, setTagged] = useState<string[]>([])
  const [pending, setPending] = useState<string | null>(null)
  return (
    <TagPanel
      inRoom={[AVA, NOAH]}
      others={[LOLA]}
      excludedIds={new Set(['noah'])}
      tagged={tagged}
      disabled={false}
      pendingUntag={pending}
      onToggle={(id, on) => {
        if (!on && props.blocked) setPending(id)
        else setTagged((t) => (on ? [...t, id] : t.filter((x) => x !== id)))
      }}
      onConfirmUntag={() => {
        if (pending === null) return
        props.onRemoved?.(pending)
        setTagged((t) => t.filter((x) => x !== pending))
        setPending(null)
      }}
      onCancelUntag={() => {
        setPending(null)
      }}
    />
  )
}

const tile = (name: RegExp) => screen.getByRole('button', { name })

describe('TagPanel', () => {
  it("shows the room's children as big names, marking who is not to be photographed", () => {
    render(<Harness blocked={false} />)
    expect(tile(/^Ava Appleby/).getAttribute('aria-pressed')).toBe('false')
    expect(tile(/^Noah Birchwood/).textContent).toMatch(/Not to be photographed/)
    expect(screen.queryByRole('button', { name: /Lola/ })).toBeNull()
  })

  it('tags and untags with a tap when nothing blocks on a child', async () => {
    const user = userEvent.setup()
    render(<Harness blocked={false} />)
    await user.click(tile(/^Ava/))
    expect(tile(/^Ava/).getAttribute('aria-pressed')).toBe('true')
    expect(tile(/^Ava/).textContent).toMatch(/Tagged/)
    await user.click(tile(/^Ava/))
    expect(tile(/^Ava/).getAttribute('aria-pressed')).toBe('false')
  })

  it('finds a child from another room by name and keeps them in the grid once tagged', async () => {
    const user = userEvent.setup()
    render(<Harness blocked={false} />)
    await user.type(screen.getByLabelText('Someone from another room'), 'oak')
    await user.click(tile(/^Lola Oakworth/))
    await user.clear(screen.getByLabelText('Someone from another room'))
    expect(tile(/^Lola/).getAttribute('aria-pressed')).toBe('true')
  })

  it('asks "Is <name> definitely not in this photo?" before removing a tag after a block', async () => {
    const user = userEvent.setup()
    const onRemoved = vi.fn()
    render(<Harness blocked onRemoved={onRemoved} />)
    await user.click(tile(/^Noah/))
    await user.click(tile(/^Noah/))
    const dialog = screen.getByRole('alertdialog')
    expect(dialog.textContent).toMatch('Is Noah definitely not in this photo?')
    await user.click(screen.getByRole('button', { name: 'Keep the tag' }))
    expect(tile(/^Noah/).getAttribute('aria-pressed')).toBe('true')
    await user.click(tile(/^Noah/))
    await user.click(screen.getByRole('button', { name: 'Yes, Noah is not in it' }))
    expect(onRemoved).toHaveBeenCalledWith('noah')
    expect(tile(/^Noah/).getAttribute('aria-pressed')).toBe('false')
    expect(screen.queryByRole('alertdialog')).toBeNull()
  })

  it('asks next to the tile tapped, takes and keeps focus, and gives it back on Escape', async () => {
    const user = userEvent.setup()
    render(<Harness blocked />)
    await user.click(tile(/^Noah/))
    await user.click(tile(/^Noah/))
    const dialog = screen.getByRole('alertdialog')
    // In the same grid cell as Noah's tile, right after it.
    expect(tile(/^Noah/).closest('li')?.contains(dialog)).toBe(true)
    expect(document.activeElement?.textContent).toBe('Keep the tag')
    for (let i = 0; i < 3; i++) {
      await user.tab()
      expect(dialog.contains(document.activeElement)).toBe(true)
    }
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('alertdialog')).toBeNull()
    expect(document.activeElement).toBe(tile(/^Noah/))
    expect(tile(/^Noah/).getAttribute('aria-pressed')).toBe('true')
  })
})
