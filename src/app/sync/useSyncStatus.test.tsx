// @vitest-environment jsdom
// The sync status comes from the control the app was given, and a view that selects one part
// re-renders only when that part changes.
import { act, renderHook } from '@testing-library/react'
import type { ReactNode } from 'react'
import { describe, expect, it } from 'vitest'
import { createSyncStatusStore } from '../stores/syncStatusStore.ts'
import { NO_SYNC, SyncControlProvider, type SyncControl } from './SyncControl.tsx'
import { useSyncStatus } from './useSyncStatus.ts'

function withControl(control: SyncControl) {
  return ({ children }: { children: ReactNode }) => (
    <SyncControlProvider control={control}>{children}</SyncControlProvider>
  )
}

describe('useSyncStatus', () => {
  it('reads the given control’s status and re-renders only for the part it selects', () => {
    const control = { ...NO_SYNC, status: createSyncStatusStore() }
    let renders = 0
    const { result } = renderHook(
      () => {
        renders += 1
        return useSyncStatus((s) => s.phase)
      },
      { wrapper: withControl(control) },
    )
    expect(result.current).toBe('not-enrolled')
    const before = renders
    act(() => {
      control.status.setState({ refused: ['A change the server refused'] })
    })
    expect(renders).toBe(before)
    act(() => {
      control.status.setState({ phase: 'syncing' })
    })
    expect(result.current).toBe('syncing')
    expect(renders).toBe(before + 1)
  })

  it('stays "not enrolled" without a provider, as in a screen test', () => {
    const { result } = renderHook(() => useSyncStatus())
    expect(result.current.phase).toBe('not-enrolled')
  })
})
