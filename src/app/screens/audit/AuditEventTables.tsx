// Blocked attempts, tags removed after a block, and deletions of the day, as tables: few
// columns, many rows, read across.
import type { BlockedRow, DailyAudit, DeletionRow, TagRemovalRow } from '../../../audit/index.ts'

export function AuditEventTables({ audit }: { audit: DailyAudit }) {
  return (
    <>
      <section aria-labelledby="audit-blocked-title">
        <h2 id="audit-blocked-title">Blocked attempts ({audit.blocked.length})</h2>
        <BlockedTable rows={audit.blocked} />
      </section>
      <section aria-labelledby="audit-untag-title">
        <h2 id="audit-untag-title">Tags removed after a block ({audit.tagRemovals.length})</h2>
        <TagRemovalTable rows={audit.tagRemovals} />
      </section>
      <section aria-labelledby="audit-deleted-title">
        <h2 id="audit-deleted-title">Deletions ({audit.deletions.length})</h2>
        <DeletionTable rows={audit.deletions} />
      </section>
    </>
  )
}

function BlockedTable({ rows }: { rows: readonly BlockedRow[] }) {
  if (rows.length === 0) return <p>No blocked attempts on this day.</p>
  return (
    <div className="audit-table-wrap">
      <table className="audit-table">
        <caption className="visually-hidden">Blocked attempts</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Who</th>
            <th scope="col">Where</th>
            <th scope="col">Children</th>
            <th scope="col">Purposes</th>
            <th scope="col">Rules that blocked it</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.eventId}>
              <td>{row.time}</td>
              <td>{row.staff}</td>
              <td>{row.location}</td>
              <td>{row.children.join(', ')}</td>
              <td>{row.purposes.join(', ')}</td>
              <td>{row.rules.join(' ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function TagRemovalTable({ rows }: { rows: readonly TagRemovalRow[] }) {
  if (rows.length === 0) return <p>No tags were removed after a block on this day.</p>
  return (
    <div className="audit-table-wrap">
      <table className="audit-table">
        <caption className="visually-hidden">Tags removed after a block</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Who</th>
            <th scope="col">Where</th>
            <th scope="col">Child confirmed not in the photo</th>
            <th scope="col">What was blocking</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.eventId}>
              <td>{row.time}</td>
              <td>{row.staff}</td>
              <td>{row.location}</td>
              <td>{row.removedChild}</td>
              <td>{row.rules.join(' ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function DeletionTable({ rows }: { rows: readonly DeletionRow[] }) {
  if (rows.length === 0) return <p>No photos were deleted on this day.</p>
  return (
    <div className="audit-table-wrap">
      <table className="audit-table">
        <caption className="visually-hidden">Deletions</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Who</th>
            <th scope="col">Children</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.eventId}>
              <td>{row.time}</td>
              <td>{row.staff}</td>
              <td>{row.children.join(', ')}</td>
              <td>{row.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
