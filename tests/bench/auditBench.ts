/**
 * The daily audit on a busy day: 1,000 photos and 5,000 audit events on one tablet.
 * - audit.render1000Ms: the real AuditScreen (hook, Dexie read, chain verification, model,
 *   React render of every card and table) in jsdom over fake-indexeddb, from mount until the
 *   1,000 photos and the chain's state are on the page; median of 3.
 * - audit.csvRatio: making the CSV of that day / JSON.stringify of the same rows (median of 15).
 * - audit.pdfMs: making the PDF of that day (median of 3).
 * - audit.verify5000Ms: verifying the 5,000-event chain alone (median of 5).
 * jsdom is slower than a browser at layout-free DOM work, so the render figure is an upper
 * bound for the iPad's; nothing here asserts a time.
 */
import { register } from 'node:module'
import { JSDOM } from 'jsdom'
import { NAMES, busyDay } from '../../src/audit/auditTestData.ts'
import {
  auditCsvRows,
  buildDailyAudit,
  dailyAuditCsv,
  dailyAuditPdf,
  verifyChain,
} from '../../src/audit/index.ts'

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return Math.round((sorted[Math.floor(sorted.length / 2)] ?? 0) * 100) / 100
}

async function timed(runs: number, work: () => unknown): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    await work()
    times.push(performance.now() - start)
  }
  return median(times)
}

/** React DOM and Testing Library need a DOM on globalThis before they are first imported. */
function installDom(): void {
  const dom = new JSDOM('<!doctype html><html><body></body></html>', { url: 'http://localhost/' })
  const win = dom.window as unknown as Record<string, unknown>
  // Dexie finds IndexedDB on `self`, which is now the jsdom window: give it fake-indexeddb's.
  Object.assign(win, { indexedDB: globalThis.indexedDB, IDBKeyRange: globalThis.IDBKeyRange })
  for (const key of Object.getOwnPropertyNames(win)) {
    if (key in globalThis) continue
    Object.defineProperty(globalThis, key, { configurable: true, get: () => win[key] })
  }
  Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: true })
}

/** Screens import their CSS, which Vite bundles; under plain Node a stylesheet is nothing. */
const IGNORE_CSS = `export async function load(url, context, next) {
  return url.endsWith('.css') ? { format: 'module', source: '', shortCircuit: true } : next(url, context)
}`

function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

export async function benchAudit(): Promise<Record<string, number>> {
  const today = localDay(new Date())
  const day = busyDay(1_000, 5_000, today)
  const audit = buildDailyAudit({
    day: today,
    timeZone: 'UTC',
    photos: day.photos,
    events: day.events,
    chain: verifyChain(day.events),
    names: NAMES,
  })
  const rows = { photos: audit.photos, blocked: audit.blocked, deletions: audit.deletions }
  const csvMs = await timed(15, () => dailyAuditCsv(audit))
  const jsonMs = await timed(15, () => JSON.stringify(rows))
  const facts = {
    settingName: 'Bench Nursery',
    deviceId: 'tablet-1',
    exportedAt: new Date().toISOString(),
    exportedBy: 'Morgan Ellery',
    freshness: 'Consent data last synced today',
  }
  const pdfMs = await timed(3, () => dailyAuditPdf(audit, facts))
  const verifyMs = await timed(5, () => verifyChain(day.events))
  await import('./fakeIndexedDb.ts')
  installDom()
  register(`data:text/javascript,${encodeURIComponent(IGNORE_CSS)}`)
  const { renderAuditDay } = await import('./auditRender.tsx')
  const renderMs = median(await renderAuditDay(day, 3))
  return {
    'audit.render1000Ms': renderMs,
    'audit.csvRatio': Math.round((csvMs / jsonMs) * 100) / 100,
    'audit.csvMs': csvMs,
    'audit.pdfMs': pdfMs,
    'audit.verify5000Ms': verifyMs,
    'audit.csvRows': auditCsvRows(audit).length,
  }
}
