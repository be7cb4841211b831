// Import the roster from a CSV file (manager): what the file needs, the file or pasted rows,
// then a preview or every problem by line. All rows or none. A thin view over useRosterImport.
import { deniedMessage } from '../../../policy/index.ts'
import { ProblemList, RosterPreview } from './RosterPreview.tsx'
import { ROSTER_COLUMNS, useRosterImport } from './useRosterImport.ts'
import '../../components/forms.css'
import './RosterImportScreen.css'

// Names no setting's roster is likely to hold: an example must never look like a child here.
const SAMPLE = `First name,Surname,Date of birth,Room,Keyworker
Example,Child-One,2023-04-30,Caterpillars,Priya Shah
Example,Child-Two,12/09/2022,Butterflies,Sam Okafor`

const COLUMN_NOTES: Record<(typeof ROSTER_COLUMNS)[number], [string, string]> = {
  firstName: ['First name', 'or Forename'],
  lastName: ['Last name', 'or Surname'],
  dateOfBirth: ['Date of birth', 'or DOB: 2023-04-30 or 30/04/2023'],
  room: ['Room', 'a room name as on this tablet'],
  keyworker: ['Keyworker', 'or Key person: a staff name as on this tablet'],
}

export function RosterImportScreen() {
  const r = useRosterImport()
  if (!r.mayImport) {
    return (
      <div className="roster">
        <h1 className="screen-title">Import the roster</h1>
        <p>{deniedMessage('manage-roster')}</p>
      </div>
    )
  }
  return (
    <div className="roster">
      <h1 className="screen-title">Import the roster</h1>
      <section className="card roster__help" aria-labelledby="format-title">
        <h2 id="format-title">What the file needs</h2>
        <p>
          A CSV file (save as “CSV” from your spreadsheet) with these columns in the first line, in
          any order, separated by commas or semicolons, then one child per line. Every line is
          checked first; if any line has a problem, nothing is imported.
        </p>
        <ul className="roster__columns">
          {ROSTER_COLUMNS.map((c) => (
            <li key={c}>
              <strong>{COLUMN_NOTES[c][0]}</strong> ({COLUMN_NOTES[c][1]})
            </li>
          ))}
        </ul>
        <p className="roster__sample-label">Example:</p>
        <pre className="roster__sample">{SAMPLE}</pre>
      </section>

      <section className="card roster__input" aria-labelledby="file-title">
        <h2 id="file-title">The roster</h2>
        <div className="field">
          <label htmlFor="roster-file">Choose a CSV file</label>
          <input
            id="roster-file"
            type="file"
            accept=".csv,text/csv"
            onChange={(event) => {
              const file = event.target.files?.[0]
              if (file !== undefined) void r.chooseFile(file)
            }}
          />
        </div>
        <div className="field">
          <label htmlFor="roster-text">Or paste the rows</label>
          <textarea
            id="roster-text"
            rows={6}
            spellCheck={false}
            value={r.text}
            onChange={(event) => {
              r.setText(event.target.value)
            }}
          />
        </div>
        <div className="button-row">
          <button
            type="button"
            className="button"
            disabled={r.text.trim() === ''}
            onClick={() => void r.check()}
          >
            Check the rows
          </button>
        </div>
      </section>

      {r.preview !== null && (
        <RosterPreview preview={r.preview} busy={r.busy} onImport={() => void r.importRows()} />
      )}
      {r.outcome?.ok === false && <ProblemList {...r.outcome} />}
      <p className="form-done" role="status">
        {r.outcome?.ok === true &&
          `${r.outcome.count === 1 ? '1 child was' : `${String(r.outcome.count)} children were`} added to the roster.`}
      </p>
    </div>
  )
}
