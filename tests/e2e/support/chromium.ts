// The e2e browser: the system's Chromium (Debian package), driven by playwright-core. We never
// download a browser, and never skip: without Chromium the e2e run fails with the command that
// installs it, so a missing browser cannot pass for a green build.
import { existsSync } from 'node:fs'
import { chromium } from 'playwright-core'
import type { Browser } from 'playwright-core'

export const CHROMIUM_INSTALL_COMMAND = 'apt-get install -y chromium'
const DEFAULT_CHROMIUM = '/usr/bin/chromium'

export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const path = env.CHROMIUM_PATH?.trim() || DEFAULT_CHROMIUM
  if (!existsSync(path)) throw new Error(CHROMIUM_INSTALL_COMMAND)
  return path
}

/**
 * The flags of every run: quiet and deterministic, no GPU, no QUIC, and none of Chrome's own
 * background traffic (updates, sync, field trials) mixed into what the tests observe.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** `fakeCamera`: Chromium's test pattern as the camera, allowed without a prompt. */
export function launchChromium(options: { fakeCamera?: boolean } = {}): Promise<Browser> {
  const camera =
    options.fakeCamera === true
      ? ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream']
      : []
  return chromium.launch({
    executablePath: findChromium(),
    args: [...CHROMIUM_ARGS, ...camera],
  })
}

const shared = new Map<'plain' | 'camera', Promise<Browser>>()

/**
 * This worker's browser, plain or with the fake camera: launched on first use and kept for every
 * e2e file the worker runs (the e2e project runs without per-file isolation, vite.config.ts), so
 * the suite pays for one launch a worker, not one a file. Files never close it: each test or
 * file makes its own context, which is a fresh tablet (its own IndexedDB, service worker,
 * storage and network switch). Playwright ends the browser when the worker process exits.
 */
export function sharedChromium(options: { fakeCamera?: boolean } = {}): Promise<Browser> {
  const kind = options.fakeCamera === true ? 'camera' : 'plain'
  const known = shared.get(kind)
  if (known !== undefined) return known
  const launched = launchChromium(options)
  shared.set(kind, launched)
  void launched.then(
    (browser) =>
      browser.on('disconnected', () => {
        shared.delete(kind)
      }),
    () => shared.delete(kind),
  )
  return launched
}
