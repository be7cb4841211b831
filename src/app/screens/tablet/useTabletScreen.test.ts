import { describe, expect, it } from 'vitest'
import { tabletScreenState } from './useTabletScreen.ts'

describe('tabletScreenState', () => {
  it.each([
    ['controlling', 'ok', 'Yes'],
    ['starting', 'pending', 'Not yet'],
    ['failed', 'warn', 'No'],
    ['unsupported', 'warn', 'No'],
  ] as const)('a %s service worker reads %s / %s', (worker, tone, answer) => {
    const { summary, items } = tabletScreenState(worker, 'persisted')
    expect(items[0]).toMatchObject({ id: 'app-saved', tone, answer })
    expect(summary.tone).toBe(tone)
  })

  it.each([
    ['persisted', 'ok', 'Yes'],
    ['checking', 'pending', 'Checking…'],
    ['not-persisted', 'warn', 'Not promised'],
    ['unsupported', 'warn', 'Not promised'],
  ] as const)('%s storage reads %s / %s', (storage, tone, answer) => {
    expect(tabletScreenState('controlling', storage).items[1]).toMatchObject({
      id: 'storage-kept',
      tone,
      answer,
    })
  })

  it('calls the app ready offline once it is saved, even if storage is not promised', () => {
    expect(tabletScreenState('controlling', 'not-persisted').summary).toEqual({
      tone: 'ok',
      text: 'Ready: ConsentLens works without Wi-Fi on this tablet.',
    })
  })

  it('says what to do next whenever something is not ready', () => {
    const { items } = tabletScreenState('failed', 'not-persisted')
    for (const item of items) expect(item.detail).toMatch(/\b(Reload|Add|Open|Keep|Send)\b/)
  })
})
