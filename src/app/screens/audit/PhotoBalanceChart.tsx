// Photos per child over the last 7 and 30 days, as a table whose cells carry a bar: the table
// is the accessible form and the bars (hidden from screen readers) are the chart. Children
// with none or few are marked in words with an icon, fewest first.
import type { Balance, ChildTally } from '../../../audit/index.ts'
import { StatusIcon } from '../../components/StatusIcon.tsx'

export function PhotoBalanceChart({ tally }: { tally: readonly ChildTally[] }) {
  if (tally.length === 0) return <p>No children on the roster.</p>
  const max = Math.max(1, ...tally.map((t) => t.month))
  return (
    <div className="audit-table-wrap">
      <table className="audit-table audit-balance">
        <caption className="visually-hidden">Photos per child, fewest first</caption>
        <thead>
          <tr>
            <th scope="col">Child</th>
            <th scope="col">Last 7 days</th>
            <th scope="col">Last 30 days</th>
          </tr>
        </thead>
        <tbody>
          {tally.map((t) => (
            <tr key={t.childId}>
              <th scope="row">{t.name}</th>
              <Cell count={t.week} balance={t.weekBalance} max={max} />
              <Cell count={t.month} balance={t.monthBalance} max={max} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

const WORDS: Record<Balance, string> = { none: 'none', few: 'few', ok: '' }

function Cell({ count, balance, max }: { count: number; balance: Balance; max: number }) {
  return (
    <td className={`audit-balance__cell audit-balance__cell--${balance}`}>
      <span className="audit-balance__bar" aria-hidden="true">
        <span style={{ width: `${(count / max) * 100}%` }} />
      </span>
      <span className="audit-balance__count">{count}</span>
      {balance !== 'ok' && (
        <span className="audit-state audit-state--warn">
          <StatusIcon tone="warn" />
          {WORDS[balance]}
        </span>
      )}
    </td>
  )
}
