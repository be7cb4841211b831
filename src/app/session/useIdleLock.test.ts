// @vitest-environment jsdom
import { renderHook } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { isIdle } from './idleTimer.ts'
import { useIdleLock } from './useIdleLock.ts'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('isIdle', () => {
  it('is idle once the limit has passed, not before', () => {
    expect(isIdle(0, 5 * 60_000 - 1, 5)).toBe(false)
    expect(isIdle(0, 5 * 60_000, 5)).toBe(true)
  })
})

describe('useIdleLock', () => {
  it('locks after the idle minutes without a touch', () => {
    const onIdle = vi.fn()
    renderHook(() => {
      useIdleLock(true, 5, onIdle)
    })
    vi.advanceTimersByTime(4 * 60_000)
    expect(onIdle).not.toHaveBeenCalled()
    vi.advanceTimersByTime(60_000 + 5_000)
    expect(onIdle).toHaveBeenCalled()
  })

  it('starts counting again at every touch or key', () => {
    const onIdle = vi.fn()
    renderHook(() => {
      useIdleLock(true, 5, onIdle)
    })
    vi.advanceTimersByTime(4 * 60_000)
    document.dispatchEvent(new Event('pointerdown'))
    vi.advanceTimersByTime(4 * 60_000)
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }))
    vi.advanceTimersByTime(4 * 60_000)
    expect(onIdle).not.toHaveBeenCalled()
  })

  it('locks at once when a tablet that slept past the limit is shown again', () => {
    const onIdle = vi.fn()
    renderHook(() => {
      useIdleLock(true, 5, onIdle)
    })
    // Asleep: no timers run, but the clock moves on.
    vi.setSystemTime(Date.now() + 30 * 60_000)
    document.dispatchEvent(new Event('visibilitychange'))
    expect(onIdle).toHaveBeenCalledTimes(1)
  })

  it('does nothing while nobody is signed in', () => {
    const onIdle = vi.fn()
    renderHook(() => {
      useIdleLock(false, 5, onIdle)
    })
    vi.advanceTimersByTime(60 * 60_000)
    expect(onIdle).not.toHaveBeenCalled()
  })
})
