// The real server (src/server/app.ts) over the real build (dist/), on a random local port.
// 127.0.0.1 counts as a secure context, so the service worker registers as it would on https.
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildServer } from '../../../src/server/app.ts'

// E2E_DIST_DIR lets two people test two builds on one machine at once (vite build --outDir).
export const DIST_DIR =
  process.env.E2E_DIST_DIR ?? fileURLToPath(new URL('../../../dist', import.meta.url))

export type AppServer = {
  url: string
  distDir: string
  close: () => Promise<void>
}

/** Starts `app` on a free port of 127.0.0.1 and returns its address. */
export async function listenLocally(app: ReturnType<typeof buildServer>): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  if (address === null || typeof address === 'string') throw new Error('Server has no TCP port')
  return `http://127.0.0.1:${String(address.port)}`
}

export async function startAppServer(distDir: string = DIST_DIR): Promise<AppServer> {
  if (!existsSync(join(distDir, 'sw.js'))) {
    throw new Error(`No production build in ${distDir}. Run: npm run test:e2e (it builds first)`)
  }
  const app = buildServer({ distDir })
  return {
    url: await listenLocally(app),
    distDir,
    close: () => app.close(),
  }
}

/** A private copy of dist/, for tests that change the deployed files (a new version). */
export function copyDist(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'consentlens-e2e-dist-'))
  cpSync(DIST_DIR, dir, { recursive: true })
  return {
    dir,
    remove: () => {
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
