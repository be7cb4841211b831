// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Decision } from '../../../policy/index.ts'
import { DecisionPanel } from './DecisionPanel.tsx'
import type { SaveStatus } from './useCaptureSave.ts'

afterEach(cleanup)

const IDLE: SaveStatus = { kind: 'idle' }

const refused: Decision = {
  verdict: 'block',
  findings: [
    {
      rule: 'consent-refused',
      severity: 'block',
      childId: 'noah',
      purpose: 'group_photo',
      message: 'Noah Birchwood: parents refused consent for group photos.',
    },
    {
      rule: 'not-fully-dressed',
      severity: 'block',
      message: 'Confirm that everyone in the photo is fully dressed.',
    },
  ],
  permittedPurposes: [],
}

function renderPanel(
  decision: Decision | null,
  extra: Partial<Parameters<typeof DecisionPanel>[0]> = {},
) {
  const onSave = vi.fn()
  const onDiscard = vi.fn()
  render(
    <DecisionPanel
      decision={decision}
      narrowTo={null}
      purposes={['learning_journey', 'display']}
      status={IDLE}
      onSave={onSave}
      onDiscard={onDiscard}
      {...extra}
    />,
  )
  return { onSave, onDiscard }
}

const save = () => screen.getByRole<HTMLButtonElement>('button', { name: 'Save photo' })

describe('DecisionPanel', () => {
  it('[consent-refused] lists every finding in words and offers no save while it blocks', async () => {
    const { onDiscard } = renderPanel(refused)
    expect(screen.getByRole('heading').textContent).toMatch('Cannot be saved as it is')
    const items = screen.getAllByRole('listitem').map((li) => li.textContent)
    expect(items).toEqual([
      'Stops the save Noah Birchwood: parents refused consent for group photos.',
      'Stops the save Confirm that everyone in the photo is fully dressed.',
    ])
    expect(save().disabled).toBe(true)
    await userEvent.setup().click(screen.getByRole('button', { name: 'Discard' }))
    expect(onDiscard).toHaveBeenCalledOnce()
  })

  it('saves for every purpose asked when the policy allows', async () => {
    const allow: Decision = { verdict: 'allow', findings: [], permittedPurposes: ['display'] }
    const { onSave } = renderPanel(allow)
    expect(screen.getByRole('heading').textContent).toMatch('Can be saved')
    await userEvent.setup().click(save())
    expect(onSave).toHaveBeenCalledWith(['learning_journey', 'display'])
  })

  it('offers "Save for <permitted purposes> only" when only some are allowed', async () => {
    const partial: Decision = { ...refused, findings: refused.findings.slice(0, 1) }
    const { onSave } = renderPanel(partial, { narrowTo: ['display'] })
    await userEvent
      .setup()
      .click(screen.getByRole('button', { name: 'Save for displays in the setting only' }))
    expect(onSave).toHaveBeenCalledWith(['display'])
  })

  it('says a reason is needed, and shows a failed save in words with the photo kept', () => {
    const reason: Decision = {
      verdict: 'needs_reason',
      findings: [
        {
          rule: 'one-to-one-with-adult',
          severity: 'reason',
          childId: 'ava',
          message:
            'One child alone with an adult: record the agreed reason, or retake with others.',
        },
      ],
      permittedPurposes: ['learning_journey'],
    }
    const status: SaveStatus = {
      kind: 'failed',
      message: 'The tablet is full, so the photo was not saved. It is still here.',
      decision: null,
    }
    renderPanel(reason, { status })
    expect(screen.getByRole('heading').textContent).toMatch('Needs the agreed reason')
    expect(screen.getByText(/Reason needed/)).toBeTruthy()
    expect(screen.getByRole('alert').textContent).toMatch(/still here/)
    expect(save().disabled).toBe(true)
  })

  it('disables every action while saving, so a double tap cannot save twice', () => {
    const allow: Decision = { verdict: 'allow', findings: [], permittedPurposes: [] }
    renderPanel(allow, { status: { kind: 'saving' } })
    expect(screen.getByRole('button', { name: 'Saving…' })).toHaveProperty('disabled', true)
    expect(screen.getByRole('button', { name: 'Discard' })).toHaveProperty('disabled', true)
  })

  it('asks before discarding once something was tagged or typed, and keeps the photo on "Keep"', async () => {
    const user = userEvent.setup()
    const { onDiscard } = renderPanel(refused, { askBeforeDiscard: true })
    await user.click(screen.getByRole('button', { name: 'Discard' }))
    expect(onDiscard).not.toHaveBeenCalled()
    const question = screen.getByRole('alertdialog', { name: /Discard this photo\?/ })
    expect(document.activeElement?.textContent).toBe('Keep the photo')
    expect(question.contains(document.activeElement)).toBe(true)
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('alertdialog')).toBeNull()
    expect(document.activeElement?.textContent).toBe('Discard')
    await user.click(screen.getByRole('button', { name: 'Discard' }))
    await user.click(screen.getByRole('button', { name: 'Discard the photo' }))
    expect(onDiscard).toHaveBeenCalledOnce()
  })

  it("holds Save until the parents' conditions are confirmed, and says so on the decision", () => {
    const allow: Decision = { verdict: 'allow', findings: [], permittedPurposes: [] }
    const condition = {
      key: 'ava\u0000pool',
      childId: 'ava',
      childName: 'Ava Appleby',
      purposes: ['learning_journey' as const],
      text: 'No photos in the paddling pool',
    }
    renderPanel(allow, { conditions: [condition], acknowledged: [] })
    expect(screen.getByRole('heading').textContent).toMatch('Check the parents’ conditions')
    const item = () => screen.getByText(/Ava’s parents’ condition/).textContent
    expect(item()).toContain('Check first')
    expect(item()).toContain('No photos in the paddling pool')
    expect(save().disabled).toBe(true)
    cleanup()
    renderPanel(allow, { conditions: [condition], acknowledged: [condition.key] })
    expect(screen.getByRole('heading').textContent).toMatch('Can be saved')
    expect(item()).toContain('✓ Checked')
    expect(save().disabled).toBe(false)
  })

  it('[consent-refused] explains a blocked group learning-journey photo and offers the ways out', async () => {
    const user = userEvent.setup()
    const group = {
      blockers: [{ id: 'noah', firstName: 'Noah' }],
      onUntag: vi.fn(),
      onOnePerChild: vi.fn(),
    }
    renderPanel(refused, { group })
    expect(screen.getByText(/needs each child’s group-photo consent/)).toBeTruthy()
    expect(screen.getByText(/untick learning journey/)).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Untag Noah' }))
    expect(group.onUntag).toHaveBeenCalledWith('noah')
    await user.click(screen.getByRole('button', { name: 'One photo per child' }))
    expect(group.onOnePerChild).toHaveBeenCalledOnce()
  })
})
