// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { usePwaStore } from '../stores/pwaStore.ts'
import { UpdatePrompt } from './UpdatePrompt.tsx'

const initial = usePwaStore.getState()
beforeEach(() => {
  usePwaStore.setState(initial, true)
})
afterEach(cleanup)

function renderPrompt() {
  const taps = { update: 0 }
  render(
    <UpdatePrompt
      onUpdate={() => {
        taps.update += 1
        usePwaStore.getState().setUpdating()
      }}
    />,
  )
  return taps
}

describe('UpdatePrompt', () => {
  it('shows nothing while no new version is waiting', () => {
    renderPrompt()
    expect(screen.queryByRole('button')).toBeNull()
  })

  it('appears when a new version is waiting, without updating by itself', () => {
    const taps = renderPrompt()
    act(() => {
      usePwaStore.getState().setUpdateWaiting()
    })
    expect(screen.getByRole('region', { name: 'Update ready' })).toBeTruthy()
    expect(taps.update).toBe(0)
  })

  it('"Later" hides it until the next new version', () => {
    renderPrompt()
    act(() => {
      usePwaStore.getState().setUpdateWaiting()
    })
    fireEvent.click(screen.getByRole('button', { name: 'Later' }))
    expect(screen.queryByRole('button', { name: 'Update now' })).toBeNull()
    act(() => {
      usePwaStore.getState().setUpdateWaiting()
    })
    expect(screen.getByRole('button', { name: 'Update now' })).toBeTruthy()
  })

  it('"Update now" updates once and says it is updating', () => {
    const taps = renderPrompt()
    act(() => {
      usePwaStore.getState().setUpdateWaiting()
    })
    fireEvent.click(screen.getByRole('button', { name: 'Update now' }))
    const button = screen.getByRole('button', { name: 'Updating…' })
    expect((button as HTMLButtonElement).disabled).toBe(true)
    fireEvent.click(button)
    expect(taps.update).toBe(1)
  })
})
