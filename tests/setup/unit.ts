// Every unit test gets a real IndexedDB implementation (fake-indexeddb) in place of the
// browser's, so Dexie code runs unmocked under Node.
import 'fake-indexeddb/auto'
import { afterAll, afterEach } from 'vitest'
import { usePwaStore } from '../../src/app/stores/pwaStore.ts'
import { useSessionStore } from '../../src/app/stores/sessionStore.ts'
import { deleteTestDbs } from '../support/testDb.ts'

// Test files share their worker's modules (the unit project runs without isolation, for
// speed), so module state one file leaves must not reach the next: after every test, whatever
// it rendered is unmounted and the app's two global stores go back to their first state, and
// when the file ends every database it opened through freshDb is deleted.
const firstSession = useSessionStore.getState()
const firstPwa = usePwaStore.getState()
afterEach(async () => {
  if (typeof document !== 'undefined') {
    const { cleanup } = await import('@testing-library/react')
    cleanup()
  }
  useSessionStore.setState(firstSession, true)
  usePwaStore.setState(firstPwa, true)
})
afterAll(deleteTestDbs)

// Screen tests (jsdom) wait for states with findBy… and waitFor. Testing Library gives up on a
// state after 1 s by default, which a loaded 2-core machine overran (RevokedScreen's findByRole
// failed a clean CI run). Waiting for a state that does come costs nothing extra, so the wait
// may last as long as the test's own budget; a state that never comes still fails the test.
if (typeof document !== 'undefined') {
  const { configure } = await import('@testing-library/dom')
  configure({ asyncUtilTimeout: 25_000 })
}
