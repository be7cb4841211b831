// The whole setting's day from the server (every tablet), for the manager on this tablet:
// their PIN, then the server's CSV or PDF handed over as a download. The PIN is cleared after
// each try, and never kept anywhere but in this form while it is typed.
import { useLiveQuery } from 'dexie-react-hooks'
import { useState } from 'react'
import {
  downloadServerAuditDay,
  readEnrolment,
  type ServerExportFormat,
} from '../../../sync/index.ts'
import { useDb } from '../../data/DbContext.tsx'
import { useCurrentStaff } from '../../session/WorkspaceContext.tsx'
import { downloadFile } from './downloadFile.ts'
import type { ExportOutcome } from './useAuditExports.ts'

export function useServerDayExport(day: string) {
  const db = useDb()
  const me = useCurrentStaff()
  const enrolment = useLiveQuery(() => readEnrolment(db), [db])
  const [pin, setPin] = useState('')
  const [busy, setBusy] = useState<ServerExportFormat | null>(null)
  const [outcome, setOutcome] = useState<ExportOutcome | null>(null)

  async function download(format: ServerExportFormat): Promise<void> {
    if (busy !== null) return
    if (!/^\d{4,6}$/.test(pin)) {
      setOutcome({ ok: false, message: 'Enter your PIN (4 to 6 digits) first.' })
      return
    }
    setBusy(format)
    setOutcome(null)
    try {
      const result = await downloadServerAuditDay(db, { day, format, staffId: me.id, pin })
      if (result.ok) {
        const { fileName, file } = result.value
        downloadFile(fileName, [file], file.type)
        setOutcome({
          ok: true,
          message: `${fileName} is in your downloads: every tablet’s day as the server holds it. The server recorded the download.`,
        })
      } else {
        setOutcome({ ok: false, message: result.error.message })
      }
    } catch (error) {
      console.error('Server export failed', error)
      setOutcome({ ok: false, message: 'The tablet could not save that file. Try again.' })
    } finally {
      setPin('')
      setBusy(null)
    }
  }

  return {
    /** Undefined while reading; null when this tablet is not enrolled with a server. */
    enrolled: enrolment === undefined ? undefined : enrolment !== null,
    pin,
    setPin: (value: string) => {
      setPin(value.replace(/\D/g, '').slice(0, 6))
    },
    busy,
    outcome,
    downloadCsv: () => download('csv'),
    downloadPdf: () => download('pdf'),
  }
}
