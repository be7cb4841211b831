// Blocked attempts, tags removed after a block, and deletions of the day, as tables: few
// columns, many rows, read across. One table component, three column lists.
import type { ReactNode } from 'react'
import type { BlockedRow, DailyAudit, DeletionRow, TagRemovalRow } from '../../../audit/index.ts'

type Column<Row> = [heading: string, cell: (row: Row) => ReactNode]

const BLOCKED: Column<BlockedRow>[] = [
  ['Time', (r) => r.time],
  ['Who', (r) => r.staff],
  ['Where', (r) => r.location],
  ['Children', (r) => r.children.join(', ')],
  ['Purposes', (r) => r.purposes.join(', ')],
  ['Rules that blocked it', (r) => r.rules.join(' ')],
]

const TAG_REMOVALS: Column<TagRemovalRow>[] = [
  ['Time', (r) => r.time],
  ['Who', (r) => r.staff],
  ['Where', (r) => r.location],
  ['Child confirmed not in the photo', (r) => r.removedChild],
  ['What was blocking', (r) => r.rules.join(' ')],
]

const DELETIONS: Column<DeletionRow>[] = [
  ['Time', (r) => r.time],
  ['Who', (r) => r.staff],
  ['Children', (r) => r.children.join(', ')],
  ['Why', (r) => r.reason],
]

export function AuditEventTables({ audit }: { audit: DailyAudit }) {
  return (
    <>
      <section aria-labelledby="audit-blocked-title">
        <h2 id="audit-blocked-title">Blocked attempts ({audit.blocked.length})</h2>
        <EventTable
          caption="Blocked attempts"
          empty="No blocked attempts on this day."
          columns={BLOCKED}
          rows={audit.blocked}
        />
      </section>
      <section aria-labelledby="audit-untag-title">
        <h2 id="audit-untag-title">Tags removed after a block ({audit.tagRemovals.length})</h2>
        <EventTable
          caption="Tags removed after a block"
          empty="No tags were removed after a block on this day."
          columns={TAG_REMOVALS}
          rows={audit.tagRemovals}
        />
      </section>
      <section aria-labelledby="audit-deleted-title">
        <h2 id="audit-deleted-title">Deletions ({audit.deletions.length})</h2>
        <EventTable
          caption="Deletions"
          empty="No photos were deleted on this day."
          columns={DELETIONS}
          rows={audit.deletions}
        />
      </section>
    </>
  )
}

function EventTable<Row extends { eventId: string }>(props: {
  caption: string
  empty: string
  columns: readonly Column<Row>[]
  rows: readonly Row[]
}) {
  if (props.rows.length === 0) return <p>{props.empty}</p>
  return (
    <div className="audit-table-wrap">
      <table className="audit-table">
        <caption className="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            {props.columns.map(([heading]) => (
              <th key={heading} scope="col">
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={row.eventId}>
              {props.columns.map(([heading, cell]) => (
                <td key={heading}>{cell(row)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
