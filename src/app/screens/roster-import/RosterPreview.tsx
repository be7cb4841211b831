// What a checked file would add, or every problem in it by line. Nothing is imported from a
// file with any problem, so the problems come first and the import button is not offered. A
// possible duplicate child does not stop the import: it is said above the rows, to decide.
import type { RosterParse, RosterProblem } from './useRosterImport.ts'
import { dayWords } from '../../../policy/index.ts'

export function ProblemList({ message, problems }: { message: string; problems: RosterProblem[] }) {
  return (
    <div className="form-error" role="alert">
      <p>{message}</p>
      {problems.length > 0 && (
        <ul className="roster__problems">
          {problems.map((p, i) => (
            <li key={`${String(p.line)}-${String(i)}`}>
              <strong>Line {p.line}:</strong> {p.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

type Props = { preview: RosterParse; busy: boolean; onImport: () => void }

export function RosterPreview({ preview, busy, onImport }: Props) {
  if (!preview.ok) return <ProblemList {...preview.error} />
  const rows = preview.value
  const warned = rows.filter((row) => row.warning !== null)
  return (
    <section className="card roster__preview" aria-labelledby="preview-title">
      <h2 id="preview-title">
        Ready to add {rows.length === 1 ? '1 child' : `${String(rows.length)} children`}
      </h2>
      {warned.length > 0 && (
        <div className="roster__warnings" role="alert">
          <p>Check these lines before importing:</p>
          <ul className="roster__problems">
            {warned.map((row) => (
              <li key={row.line}>
                <strong>Line {row.line}:</strong> {row.warning}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="roster__table-wrap">
        <table className="roster__table">
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Name</th>
              <th scope="col">Date of birth</th>
              <th scope="col">Room</th>
              <th scope="col">Keyworker</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.line}>
                <td>{row.line}</td>
                <td>
                  {row.firstName} {row.lastName}
                </td>
                <td>{dayWords(row.dateOfBirth)}</td>
                <td>{row.roomName}</td>
                <td>{row.keyworkerName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <button type="button" className="button button--primary" disabled={busy} onClick={onImport}>
        {busy
          ? 'Importing…'
          : `Import ${rows.length === 1 ? '1 child' : `${String(rows.length)} children`}`}
      </button>
    </section>
  )
}
