// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { App } from './App.tsx'
import { usePwaStore } from './stores/pwaStore.ts'

afterEach(cleanup)

describe('App', () => {
  it('has the landmarks and headings a screen reader user navigates by', () => {
    render(<App />)
    expect(screen.getByRole('banner').textContent).toContain('ConsentLens')
    expect(screen.getByRole('main').id).toBe('main')
    expect(screen.getByRole('link', { name: 'Skip to main content' }).getAttribute('href')).toBe(
      '#main',
    )
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1)
    expect(screen.getByRole('heading', { level: 2, name: 'Works offline' })).toBeTruthy()
  })

  it('says offline in words, not only in colour', () => {
    usePwaStore.setState({ online: false })
    render(<App />)
    expect(screen.getByRole('status').textContent).toBe('Offline')
  })
})
