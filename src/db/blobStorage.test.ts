// WebKit's private mode (Safari's Private Browsing) refuses Blobs in IndexedDB with a
// DataCloneError. A fake that throws the same error shows that the app finds out at start,
// and that a save there says plainly what to do instead of "reload".
import { afterEach, describe, expect, it, vi } from 'vitest'
import { canStoreBlobs } from './blobStorage.ts'
import { captureSetting, draft, encoded, SAVE_TIME } from '../../tests/support/captureTestData.ts'
import { savePhoto } from './savePhoto.ts'
import { PRACTITIONER } from '../../tests/support/testDb.ts'

/** Safari: DataCloneError. WebKitGTK 2.50: UnknownError with its own words (seen in CI). */
const REFUSALS = {
  Safari: () => new DOMException('The object can not be cloned.', 'DataCloneError'),
  'WebKitGTK 2.50': () =>
    new DOMException('Error preparing Blob/File data to be stored in object store', 'UnknownError'),
}

function likeWebKitPrivateMode(refusal: () => DOMException = REFUSALS.Safari): void {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called back with the store as `this`
  const put = IDBObjectStore.prototype.put
  const refuse = (value: unknown) =>
    value instanceof Blob ||
    (typeof value === 'object' &&
      value !== null &&
      Object.values(value).some((v) => v instanceof Blob))
  vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
    this: IDBObjectStore,
    value: unknown,
    key?: IDBValidKey,
  ) {
    if (refuse(value)) throw refusal()
    return put.call(this, value, key)
  })
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called back with the store as `this`
  const add = IDBObjectStore.prototype.add
  vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (
    this: IDBObjectStore,
    value: unknown,
    key?: IDBValidKey,
  ) {
    if (refuse(value)) throw refusal()
    return add.call(this, value, key)
  })
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('canStoreBlobs', () => {
  it('says yes where IndexedDB keeps Blobs', async () => {
    expect(await canStoreBlobs(indexedDB)).toBe(true)
  })

  it.each(Object.entries(REFUSALS))(
    'says no in WebKit’s private mode (%s), and a save there says what to do, not "reload"',
    async (_engine, refusal) => {
      const db = await captureSetting()
      likeWebKitPrivateMode(refusal)
      expect(await canStoreBlobs(indexedDB)).toBe(false)
      const saved = await savePhoto(db, draft(), encoded(), PRACTITIONER, SAVE_TIME)
      expect(saved.ok).toBe(false)
      if (saved.ok) return
      expect(saved.error.code).toBe('storage-refuses-photos')
      expect(saved.error.message).toMatch(/private mode that cannot keep photos/)
      expect(saved.error.message).not.toMatch(/reload/i)
      expect(await db.photos.count()).toBe(0)
      await db.delete()
    },
  )

  it('says yes when storage fails for plain bytes as well (not a refusal of photos)', async () => {
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The disk is gone', 'UnknownError')
    })
    expect(await canStoreBlobs(indexedDB)).toBe(true)
  })
})
