// The WebKit browser for the WebKit flows: WebKitGTK's MiniBrowser (Debian's webkit2gtk-driver),
// driven by WebKitWebDriver on an Xvfb display of its own. Like the Chromium e2e tests, a
// missing browser fails the run with the command that installs it; it is never skipped.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
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

/** Our launcher with a persistent data store (Safari outside Private Browsing). */
const PERSISTENT_BROWSER = fileURLToPath(new URL('./persistentBrowser.py', import.meta.url))
const GI_TYPELIB = '/usr/lib/x86_64-linux-gnu/girepository-1.0/WebKit2-4.1.typelib'

/**
 * `persistent`: a data store on disk, as in a normal Safari window (our launcher).
 * `ephemeral`: MiniBrowser's automation profile, as in Safari's Private Browsing, where WebKit
 * refuses Blobs in IndexedDB.
 */
export type Store = 'persistent' | 'ephemeral'

function browserOptions(store: Store, dataDir: string): Record<string, unknown> {
  if (store === 'ephemeral') {
    return {
      binary: findMiniBrowser(),
      args: ['--automation', '--enable-mock-capture-devices=true', '--enable-media-stream=true'],
    }
  }
  if (!existsSync(GI_TYPELIB)) {
    throw new Error(`WebKitGTK's Python bindings are missing. Run: ${WEBKIT_INSTALL_COMMAND}`)
  }
  return { binary: PERSISTENT_BROWSER, args: ['--automation', `--data-dir=${dataDir}`] }
}

/** The window size of the flows: a landscape tablet. */
export const WINDOW = { width: 1024, height: 768 }

export type WebKit = {
  /** A new browser with a new, empty data store. */
  open: (store: Store) => Promise<WebKitPage>
  /** Closes the browser of `page` (its ephemeral data goes with it). */
  close: (page: WebKitPage) => Promise<void>
  stop: () => Promise<void>
}

export async function startWebKit(): Promise<WebKit> {
  findMiniBrowser() // fail early, with the install command, when WebKit is missing
  const display = await startXvfb()
  const sessions = new Map<Session, string>()
  const end = async (session: Session) => {
    const dataDir = sessions.get(session)
    sessions.delete(session)
    await session.delete().catch(() => undefined)
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true })
  }
  try {
    const driver = await startWebKitDriver(display.display)
    return {
      open: async (store) => {
        const dataDir = mkdtempSync(join(tmpdir(), 'consentlens-webkit-profile-'))
        let session: Session
        try {
          session = await Session.create(driver.url, {
            // Commands never wait for a page's load event (one that never comes with the
            // network cut blocked every command for minutes): the flows wait for states.
            pageLoadStrategy: 'none',
            'webkitgtk:browserOptions': browserOptions(store, dataDir),
          })
        } catch (error) {
          rmSync(dataDir, { recursive: true, force: true })
          throw error
        }
        sessions.set(session, dataDir)
        await session.setWindowSize(WINDOW.width, WINDOW.height)
        return new WebKitPage(session)
      },
      close: (page) => end(page.session),
      stop: async () => {
        for (const session of [...sessions.keys()]) await end(session)
        await driver.stop()
        await display.stop()
      },
    }
  } catch (error) {
    await display.stop()
    throw error
  }
}
