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
})
