// Exporting the day's audit as CSV or PDF. The export is recorded in the audit log first
// ('audit-exported', with the chain's head), then handed over as a local download: nothing
// leaves the tablet but to the person holding it.
import { useState } from 'react'
import {
  dailyAuditCsv,
  dailyAuditPdf,
  exportFileName,
  type ExportFormat,
} from '../../../audit/index.ts'
import { DEMO_DEVICE_ID, recordAuditExport } from '../../../db/index.ts'
import { formatDayTime } from '../../components/formatDate.ts'
import { nowIso } from '../../data/clock.ts'
import { useDb } from '../../data/DbContext.tsx'
import { useCurrentStaff } from '../../session/WorkspaceContext.tsx'
import { downloadFile } from './downloadFile.ts'
import type { AuditDayView } from './useAuditDay.ts'

export type ExportOutcome = { ok: boolean; message: string }

const MIME: Record<ExportFormat, string> = { csv: 'text/csv;charset=utf-8', pdf: 'application/pdf' }

export function useAuditExports(view: AuditDayView | null | undefined) {
  const db = useDb()
  const me = useCurrentStaff()
  const [busy, setBusy] = useState<ExportFormat | null>(null)
  const [outcome, setOutcome] = useState<ExportOutcome | null>(null)

  async function run(format: ExportFormat): Promise<void> {
    if (view == null || busy !== null) return
    setBusy(format)
    try {
      setOutcome(await exportDay(format))
    } catch (error) {
      console.error('Audit export failed', error)
      setOutcome({ ok: false, message: 'The tablet could not make that file. Try again.' })
    } finally {
      setBusy(null)
    }
  }

  async function exportDay(format: ExportFormat): Promise<ExportOutcome> {
    if (view == null) return { ok: false, message: 'The audit is still loading.' }
    const { audit, data } = view
    const settingName = data.setting?.name ?? 'setting'
    const fileName = exportFileName(settingName, audit.day, format)
    const now = nowIso()
    // Excel reads UTF-8 only with a byte-order mark; other readers skip it.
    const parts: BlobPart[] =
      format === 'csv'
        ? ['\uFEFF', dailyAuditCsv(audit)]
        : [await pdfBytes(view, settingName, now, me.name)]
    const rows = audit.photos.length + audit.blocked.length + audit.deletions.length
    const head = audit.chain.ok ? audit.chain.head : null
    const recorded = await recordAuditExport(
      db,
      { format, day: audit.day, fileName, rows, head },
      me,
      now,
    )
    if (!recorded.ok) return { ok: false, message: recorded.error.message }
    downloadFile(fileName, parts, MIME[format])
    return {
      ok: true,
      message: `${fileName} is in your downloads. The export is recorded in the audit.`,
    }
  }

  return { busy, outcome, exportCsv: () => run('csv'), exportPdf: () => run('pdf') }
}

async function pdfBytes(view: AuditDayView, settingName: string, now: string, by: string) {
  const bytes = await dailyAuditPdf(view.audit, {
    settingName,
    deviceId: view.data.device?.id ?? 'not enrolled',
    exportedAt: now,
    exportedBy: by,
    freshness: freshnessWords(view.data.device ?? null),
  })
  // A copy on its own ArrayBuffer, as Blob wants.
  return new Uint8Array(bytes)
}

/**
 * How fresh the tablet's consent data is. The local demo's device row carries the moment it
 * was seeded (so the policy's staleness rule lets the demo take photos), which is not a sync:
 * only a tablet enrolled with a server (its own id, not the demo's) has ever synced.
 */
export function freshnessWords(
  device: { id: string; consentDataSyncedAt: string | null } | null,
): string {
  const syncedAt =
    device === null || device.id === DEMO_DEVICE_ID ? null : device.consentDataSyncedAt
  if (syncedAt !== null) return `Consent data last synced ${formatDayTime(syncedAt)}`
  return device?.id === DEMO_DEVICE_ID
    ? 'Consent data: the demo’s sample data, on this tablet only (never synced with a server)'
    : 'Consent data never synced with the server'
}
