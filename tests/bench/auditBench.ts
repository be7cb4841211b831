/**
 * The daily audit on a busy day, in Chromium as on the tablet: 1,000 photos and 5,000 audit
 * events in the browser's own IndexedDB (see audit/auditPage.tsx).
 * - audit.render1000Ms: the real AuditScreen (hook, Dexie read, chain verification, model,
 *   React render and layout of every card and table), from mount until the 1,000 photos and
 *   the chain's state are on screen; median of 3.
 * - audit.csvRatio: making that day's CSV / JSON.stringify of the same rows (median of 15).
 * - audit.csvMs, audit.pdfMs: making the CSV and the PDF (medians of 15 and 3).
 * - audit.verify5000Ms: verifying the 5,000-event chain alone (median of 5).
 * The page is built by Vite into a temporary folder and served by Vite's preview server on
 * 127.0.0.1. Nothing here asserts a time.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { build, preview, type InlineConfig } from 'vite'
import { launchChromium } from '../e2e/support/chromium.ts'

const PAGE_DIR = fileURLToPath(new URL('./audit', import.meta.url))

export async function benchAudit(): Promise<Record<string, number>> {
  const outDir = mkdtempSync(join(tmpdir(), 'consentlens-bench-audit-'))
  try {
    const config: InlineConfig = {
      configFile: false,
      root: PAGE_DIR,
      logLevel: 'warn',
      plugins: [react()],
    }
    await build({
      ...config,
      build: { outDir, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 5000 },
    })
    const server = await preview({
      ...config,
      build: { outDir },
      preview: { host: '127.0.0.1', port: 0 },
    })
    const browser = await launchChromium()
    try {
      const page = await browser.newPage({ viewport: { width: 1024, height: 768 } })
      await page.goto(server.resolvedUrls?.local[0] ?? '')
      await page.waitForFunction(() => typeof window.runAuditBench === 'function')
      return await page.evaluate(async () => {
        const run = window.runAuditBench
        if (run === undefined) throw new Error('the bench page did not load')
        return run()
      })
    } finally {
      await browser.close()
      await server.close()
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true })
  }
}
