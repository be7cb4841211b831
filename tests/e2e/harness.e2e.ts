// The harness itself: a missing browser must fail the run with the command that fixes it,
// never skip the e2e tests and let a build without them look green.
import { describe, expect, it } from 'vitest'
import { CHROMIUM_INSTALL_COMMAND, findChromium } from './support/chromium.ts'

describe('findChromium', () => {
  it('fails with the install command when Chromium is missing', () => {
    expect(() => findChromium({ CHROMIUM_PATH: '/nonexistent/chromium' })).toThrow(
      new Error('apt-get install -y chromium'),
    )
    expect(CHROMIUM_INSTALL_COMMAND).toBe('apt-get install -y chromium')
  })

  it('uses CHROMIUM_PATH when set, else the Debian package', () => {
    expect(findChromium({ CHROMIUM_PATH: process.execPath })).toBe(process.execPath)
    expect(findChromium({})).toBe('/usr/bin/chromium')
  })
})
