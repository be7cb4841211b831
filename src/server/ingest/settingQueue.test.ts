import { describe, expect, it } from 'vitest'
import { settingQueue } from './settingQueue.ts'

function gate() {
  let open: () => void = () => undefined
  const opened = new Promise<void>((resolve) => {
    open = resolve
  })
  return { open, opened }
}

describe('settingQueue', () => {
  it('runs one task of a setting at a time, in order, and other settings beside them', async () => {
    const queue = settingQueue()
    const order: string[] = []
    const first = gate()
    const a1 = queue.run('s1', async () => {
      order.push('a1 start')
      await first.opened
      order.push('a1 end')
    })
    const a2 = queue.run('s1', () => {
      order.push('a2')
      return Promise.resolve(2)
    })
    const b1 = queue.run('s2', () => {
      order.push('b1')
      return Promise.resolve('b')
    })
    expect(await b1).toBe('b')
    expect(order).toEqual(['a1 start', 'b1'])
    first.open()
    await a1
    expect(await a2).toBe(2)
    expect(order).toEqual(['a1 start', 'b1', 'a1 end', 'a2'])
  })

  it('goes on after a task fails, and the failure reaches its caller', async () => {
    const queue = settingQueue()
    const failed = queue.run('s1', () => Promise.reject(new Error('no')))
    const next = queue.run('s1', () => Promise.resolve('yes'))
    await expect(failed).rejects.toThrow('no')
    expect(await next).toBe('yes')
  })
})

describe('settingQueue, urgent tasks', () => {
  it('puts an urgent task before the waiting ones, never before the one running', async () => {
    const queue = settingQueue()
    const order: string[] = []
    const first = gate()
    const running = queue.run('s1', async () => {
      await first.opened
      order.push('running')
    })
    const task = (name: string) => () => {
      order.push(name)
      return Promise.resolve()
    }
    const waiting = [queue.run('s1', task('photos 1')), queue.run('s1', task('photos 2'))]
    const withdrawal = queue.run('s1', task('withdrawal'), true)
    first.open()
    await Promise.all([running, ...waiting, withdrawal])
    expect(order).toEqual(['running', 'withdrawal', 'photos 1', 'photos 2'])
  })
})
