// The WebKit browser for the WebKit flows: WebKitGTK's MiniBrowser (Debian's webkit2gtk-driver),
// driven by WebKitWebDriver on an Xvfb display of its own. Like the Chromium e2e tests, a
// missing browser fails the run with the command that installs it; it is never skipped.
import { existsSync } from 'node:fs'
import { startWebKitDriver, startXvfb, WEBKIT_INSTALL_COMMAND } from './processes.ts'
import { Session } from './webDriver.ts'
import { WebKitPage } from './webKitPage.ts'

const MINIBROWSER_CANDIDATES = [
  '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
  '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
  '/usr/lib/x86_64-linux-gnu/webkitgtk-6.0/MiniBrowser',
  '/usr/lib/aarch64-linux-gnu/webkitgtk-6.0/MiniBrowser',
  '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.0/MiniBrowser',
  '/usr/libexec/webkit2gtk-4.1/MiniBrowser',
]

export function findMiniBrowser(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.WEBKIT_MINIBROWSER?.trim()
  if (configured) {
    if (!existsSync(configured)) throw new Error(`WEBKIT_MINIBROWSER: no file at ${configured}`)
    return configured
  }
  const found = MINIBROWSER_CANDIDATES.find((path) => existsSync(path))
  if (found === undefined) throw new Error(`MiniBrowser not found. Run: ${WEBKIT_INSTALL_COMMAND}`)
  return found
}

/** The window size of the flows: a landscape tablet. */
export const WINDOW = { width: 1024, height: 768 }

export type WebKit = {
  /** A new browser with a fresh (ephemeral) data store, like a private window. */
  open: () => Promise<WebKitPage>
  /** Closes the browser of `page` (its ephemeral data goes with it). */
  close: (page: WebKitPage) => Promise<void>
  stop: () => Promise<void>
}

export async function startWebKit(): Promise<WebKit> {
  const binary = findMiniBrowser()
  const display = await startXvfb()
  const sessions = new Set<Session>()
  try {
    const driver = await startWebKitDriver(display.display)
    return {
      open: async () => {
        const session = await Session.create(driver.url, {
          'webkitgtk:browserOptions': {
            binary,
            args: ['--automation', '--enable-mock-capture-devices=true', '--enable-media-stream=true'],
          },
        })
        sessions.add(session)
        await session.setWindowSize(WINDOW.width, WINDOW.height)
        return new WebKitPage(session)
      },
      close: async (page) => {
        sessions.delete(page.session)
        await page.session.delete()
      },
      stop: async () => {
        for (const session of sessions) await session.delete().catch(() => undefined)
        await driver.stop()
        await display.stop()
      },
    }
  } catch (error) {
    await display.stop()
    throw error
  }
}
