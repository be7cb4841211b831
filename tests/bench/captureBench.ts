/**
 * Capture speed in headless Chromium with the fake camera: shutter-to-committed time of the
 * app's pipeline and save for 1920×1080 and 4032×3024 frames, as ratios to a bare canvas JPEG
 * encode of the same frame at the same output size in the same run (goal ≤ 1.5), and the
 * longest main-thread block during a save (goal < 50 ms). See capture/benchPage.ts.
 *
 * The bench page is built by Vite into a temporary folder and served from 127.0.0.1 (a secure
 * context, as the camera and WebCrypto need). Nothing here asserts a time.
 */
import { createReadStream, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { extname, join, normalize } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'
import { launchChromium } from '../e2e/support/chromium.ts'

const PAGE_DIR = fileURLToPath(new URL('./capture', import.meta.url))
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.map': 'application/json',
}

function serve(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname))
    const file = join(dir, path === '/' ? 'index.html' : path)
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
    createReadStream(file).pipe(res)
  })
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      resolve({ server, url: `http://127.0.0.1:${String(port)}/` })
    })
  })
}

export async function benchCapture(): Promise<Record<string, number>> {
  const outDir = mkdtempSync(join(tmpdir(), 'consentlens-bench-capture-'))
  try {
    await build({
      configFile: false,
      root: PAGE_DIR,
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true, target: 'es2022' },
      worker: { format: 'es' },
    })
    const { server, url } = await serve(outDir)
    const browser = await launchChromium({ fakeCamera: true })
    try {
      const page = await browser.newPage()
      await page.goto(url)
      await page.waitForFunction(() => typeof window.runCaptureBench === 'function')
      return await page.evaluate(async () => {
        const run = window.runCaptureBench
        if (run === undefined) throw new Error('the bench page did not load')
        return run()
      })
    } finally {
      await browser.close()
      server.close()
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true })
  }
}
