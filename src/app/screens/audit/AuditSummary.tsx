// The top of the day's audit: the totals, the audit record's state, and how fresh the tablet's
// data is (the manager's iPad works offline from what it last synced). States are words with
// an icon, never colour alone.
import { chainWords, type DailyAudit } from '../../../audit/index.ts'
import { StatusIcon } from '../../components/StatusIcon.tsx'

type Props = { audit: DailyAudit; freshness: string; stale: boolean }

export function AuditSummary({ audit, freshness, stale }: Props) {
  const t = audit.totals
  const totals: [string, number][] = [
    ['Photos', t.photos],
    ['Blocked attempts', t.blocked],
    ['Tags removed after a block', t.tagRemovals],
    ['Deletions', t.deletions],
    ['Quarantined', t.quarantined],
    ['Flagged for removal', t.flagged],
  ]
  return (
    <section className="audit-summary" aria-label="Summary">
      <dl className="audit-totals">
        {totals.map(([label, value]) => (
          <div key={label} className="audit-totals__item">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <p className={`audit-state audit-state--${audit.chain.ok ? 'ok' : 'warn'}`} data-chain>
        <StatusIcon tone={audit.chain.ok ? 'ok' : 'warn'} />
        <span>{chainWords(audit.chain)}</span>
      </p>
      <p className={`audit-state audit-state--${stale ? 'warn' : 'pending'}`}>
        <StatusIcon tone={stale ? 'warn' : 'pending'} />
        <span>
          {freshness}. This is what this tablet did; every tablet’s day is in the server’s copy
          below.
        </span>
      </p>
    </section>
  )
}
