// Roster import (manager): a CSV chosen from the tablet's files or pasted, checked line by line
// against the roster on this tablet, then imported all at once or not at all. Choosing a file
// checks it straight away; pasted text is checked on "Check". Changing the text drops the
// preview, so what is imported is always what was last checked.
import { useState } from 'react'
import {
  importRoster,
  loadRosterLookup,
  parseRosterCsv,
  type RosterParse,
  type RosterProblem,
} from '../../../db/index.ts'
import { nowIso } from '../../data/clock.ts'
import { useDb } from '../../data/DbContext.tsx'
import { usePermission } from '../../session/usePermission.ts'
import { useCurrentStaff } from '../../session/WorkspaceContext.tsx'

// The view's one door to the data layer (views never import db): the columns it documents
// and the shapes of a checked file.
export { ROSTER_COLUMNS, type RosterParse, type RosterProblem } from '../../../db/index.ts'

export type ImportOutcome =
  { ok: true; count: number } | { ok: false; message: string; problems: RosterProblem[] }

export function useRosterImport() {
  const db = useDb()
  const staff = useCurrentStaff()
  const mayImport = usePermission('manage-roster')
  const [text, setText] = useState('')
  const [fileName, setFileName] = useState<string | null>(null)
  const [preview, setPreview] = useState<RosterParse | null>(null)
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null)
  const [busy, setBusy] = useState(false)

  async function check(csv: string) {
    setOutcome(null)
    setPreview(parseRosterCsv(csv, await loadRosterLookup(db, nowIso())))
  }

  async function importRows() {
    if (preview?.ok !== true) return
    setBusy(true)
    try {
      const result = await importRoster(db, preview.value, staff, nowIso())
      setOutcome(
        result.ok
          ? { ok: true, count: result.value.length }
          : { ok: false, message: result.error.message, problems: result.error.problems },
      )
      if (result.ok) {
        setPreview(null)
        setText('')
        setFileName(null)
      }
    } catch (e) {
      console.error('Roster import failed', e)
      const message = 'The tablet could not save the roster. Nothing was imported: try again.'
      setOutcome({ ok: false, message, problems: [] })
    } finally {
      setBusy(false)
    }
  }

  return {
    mayImport,
    text,
    fileName,
    preview,
    outcome,
    busy,
    setText: (next: string) => {
      setText(next)
      setFileName(null)
      setPreview(null)
    },
    chooseFile: async (file: File) => {
      const csv = await file.text()
      setText(csv)
      setFileName(file.name)
      await check(csv)
    },
    check: () => check(text),
    importRows,
  }
}
