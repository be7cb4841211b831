// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  PhotoStorageNotice,
  photoStorageCheck,
  resetPhotoStorageCheck,
} from './PhotoStorageNotice.tsx'

beforeEach(() => {
  resetPhotoStorageCheck()
})
afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

describe('PhotoStorageNotice', () => {
  it('says at start, plainly, that a private WebKit window cannot keep photos', async () => {
    // WebKit's ephemeral sessions refuse a Blob at put() with a DataCloneError.
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called back with the store as `this`
    const put = IDBObjectStore.prototype.put
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      value: unknown,
      key?: IDBValidKey,
    ) {
      if (value instanceof Blob) throw new DOMException('Not cloneable', 'DataCloneError')
      return put.call(this, value, key)
    })
    render(<PhotoStorageNotice />)
    const notice = await screen.findByRole('alert')
    expect(notice.textContent).toMatch(/private mode that cannot keep photos/)
    expect(notice.textContent).toMatch(/normal \(not private\) Safari window/)
  })

  it('says nothing where photos can be kept', async () => {
    const { container } = render(<PhotoStorageNotice />)
    await act(async () => {
      expect(await photoStorageCheck()).toBe(true)
    })
    expect(container.textContent).toBe('')
  })
})
