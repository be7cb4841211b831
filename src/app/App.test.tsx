// @vitest-environment jsdom
import { act, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_IDLE_LOCK_MINUTES, DEMO_STAFF, type ConsentLensDb } from '../db/index.ts'
import { demoDb } from '../../tests/support/demoDb.ts'
import { App } from './App.tsx'
import { DbProvider } from './data/DbContext.tsx'
import { useSessionStore } from './stores/sessionStore.ts'
import { usePwaStore } from './stores/pwaStore.ts'

let db: ConsentLensDb

beforeEach(async () => {
  db = await demoDb()
})

function renderApp() {
  return render(
    <DbProvider db={db}>
      <App />
    </DbProvider>,
  )
}

/** The browser's Back, finished when the page has been told (popstate), not after a time. */
function back(): Promise<void> {
  return new Promise((resolve) => {
    window.addEventListener(
      'popstate',
      () => {
        resolve()
      },
      { once: true },
    )
    window.history.back()
  })
}

async function signIn(name: string, pin: string) {
  const user = userEvent.setup()
  await user.click(await screen.findByRole('button', { name: new RegExp(name) }))
  await user.type(screen.getByLabelText('PIN (4 to 6 digits)'), pin)
  await user.click(screen.getByRole('button', { name: 'Sign in' }))
  return user
}

describe('App', () => {
  it('has the landmarks and headings a screen reader user navigates by', async () => {
    renderApp()
    expect(screen.getByRole('banner').textContent).toContain('ConsentLens')
    expect(screen.getByRole('main').id).toBe('main')
    expect(screen.getByRole('link', { name: 'Skip to main content' }).getAttribute('href')).toBe(
      '#main',
    )
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Who is using the tablet?' }),
    ).toBeTruthy()
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1)
  })

  it('says offline in words, not only in colour', () => {
    usePwaStore.setState({ online: false })
    renderApp()
    expect(screen.getByRole('status').textContent).toBe('Offline')
  })

  it('signs the manager in with the right PIN and shows their jobs', async () => {
    renderApp()
    await signIn(DEMO_STAFF.manager.name, DEMO_STAFF.manager.pin)
    expect(await screen.findByRole('heading', { level: 1, name: /Hello, Morgan/ })).toBeTruthy()
    expect(screen.getByRole('button', { name: /Consent reviews/ })).toBeTruthy()
    expect(within(screen.getByRole('banner')).getByText(DEMO_STAFF.manager.name)).toBeTruthy()
  })

  it('refuses a wrong PIN with how many tries are left', async () => {
    renderApp()
    await signIn(DEMO_STAFF.keyworker.name, '9999')
    await waitFor(() => {
      expect(screen.getByRole('alert').textContent).toMatch(/4 more tries/)
    })
    expect(screen.queryByRole('heading', { name: /Hello/ })).toBeNull()
  })

  it('shows a student why they cannot take photos', async () => {
    renderApp()
    await signIn(DEMO_STAFF.student.name, DEMO_STAFF.student.pin)
    const capture = await screen.findByRole('button', { name: /Take a photo/ })
    expect((capture as HTMLButtonElement).disabled).toBe(true)
    expect(capture.textContent).toMatch(/not authorised/)
  })

  it('keeps a half-typed form through the idle lock', async () => {
    renderApp()
    const user = await signIn(DEMO_STAFF.manager.name, DEMO_STAFF.manager.pin)
    await user.click(await screen.findByRole('button', { name: /Settings/ }))
    const minutes = await screen.findByLabelText<HTMLInputElement>(/Minutes/)
    // The screen opens on demand: wait for the stored value before typing over it.
    await waitFor(() => {
      expect(minutes.value).toBe(String(DEFAULT_IDLE_LOCK_MINUTES))
    })
    await user.clear(minutes)
    await user.type(minutes, '12')
    act(() => {
      useSessionStore.getState().lock('idle')
    })
    expect(await screen.findByText(/locked itself/)).toBeTruthy()
    // The person who was signed in is chosen already: only the PIN is needed.
    await user.type(await screen.findByLabelText('PIN (4 to 6 digits)'), DEMO_STAFF.manager.pin)
    await user.click(screen.getByRole('button', { name: 'Sign in' }))
    // The form stays mounted under the lock: wait for the unlock itself, or the sign-in would
    // still be in flight when the next test starts (and sign the manager in there).
    await waitFor(() => {
      expect(screen.queryByText(/locked itself/)).toBeNull()
    })
    expect((await screen.findByLabelText<HTMLInputElement>(/Minutes/)).value).toBe('12')
  })

  it('keeps where a person was through "Switch user" and back', async () => {
    renderApp()
    const user = await signIn(DEMO_STAFF.manager.name, DEMO_STAFF.manager.pin)
    await user.click(await screen.findByRole('button', { name: /This tablet/ }))
    await screen.findByRole('heading', { level: 1, name: 'This tablet' })
    await user.click(screen.getByRole('button', { name: 'Switch user' }))
    await screen.findByRole('heading', { level: 1, name: 'Who is using the tablet?' })
    expect(screen.queryByRole('heading', { level: 1, name: 'This tablet' })).toBeNull()
    await signIn(DEMO_STAFF.practitioner.name, DEMO_STAFF.practitioner.pin)
    await screen.findByRole('heading', { level: 1, name: /Hello, Sam/ })
    await user.click(screen.getByRole('button', { name: 'Switch user' }))
    await signIn(DEMO_STAFF.manager.name, DEMO_STAFF.manager.pin)
    await screen.findByRole('heading', { level: 1, name: 'This tablet' })
    await waitFor(async () => {
      const types = (await db.audit.toArray()).map((e) => e.type)
      expect(types.filter((t) => t === 'locked')).toHaveLength(2)
      expect(types.filter((t) => t === 'signed-in')).toHaveLength(3)
    })
  })

  it('titles each screen, moves focus to its heading, and takes Back to the previous screen', async () => {
    renderApp()
    await waitFor(() => {
      expect(document.title).toBe('Sign in · ConsentLens')
    })
    const user = await signIn('Morgan Ellery', DEMO_STAFF.manager.pin)
    const hello = await screen.findByRole('heading', { level: 1, name: 'Hello, Morgan' })
    await waitFor(() => {
      expect(document.activeElement).toBe(hello)
    })
    expect(document.title).toBe('Hello, Morgan · ConsentLens')
    expect(hello.tabIndex).toBe(-1)

    await user.click(screen.getByRole('button', { name: /Who can be photographed/ }))
    const board = await screen.findByRole('heading', { level: 1, name: 'Who can be photographed' })
    await waitFor(() => {
      expect(document.activeElement).toBe(board)
    })
    expect(document.title).toBe('Who can be photographed · ConsentLens')

    // The browser's Back (or the iPad's swipe) is the app's Back, and can be used again.
    await act(() => back())
    await screen.findByRole('heading', { level: 1, name: 'Hello, Morgan' })
    await user.click(screen.getByRole('button', { name: /Who can be photographed/ }))
    await screen.findByRole('heading', { level: 1, name: 'Who can be photographed' })
    await act(() => back())
    await screen.findByRole('heading', { level: 1, name: 'Hello, Morgan' })
  })
})
