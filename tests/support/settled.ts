/**
 * For tests: whether `promise` has settled once the work already queued has run ('pending' if
 * not). A test first brings the code to a known point (a flush held, a lock waited for), so
 * 'pending' means it waits there, not that it was slow.
 */
export async function state(promise: Promise<unknown>): Promise<'done' | 'failed' | 'pending'> {
  const marker = Symbol('pending')
  const result = await Promise.race([
    promise.then(
      () => 'done' as const,
      () => 'failed' as const,
    ),
    new Promise((resolve) => {
      setImmediate(() => {
        resolve(marker)
      })
    }),
  ])
  return result === marker ? 'pending' : (result as 'done' | 'failed')
}
