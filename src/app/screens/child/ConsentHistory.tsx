// Every record of one purpose, newest first: nothing is ever edited, so this is the whole
// story. Two records both marked current are a concurrent edit (two tablets offline); the
// most restrictive one counts, and the page says so.
import type { StoredConsent } from '../../../model/records.ts'
import { formatDay, formatDayTime } from '../../components/formatDate.ts'
import type { HistoryEntry, RecordRole } from './childModel.ts'

const ROLE_WORDS: Record<RecordRole, string> = {
  deciding: 'Counts now',
  concurrent: 'Also current: recorded at the same time elsewhere',
  replaced: 'Replaced by a later record',
}

const STATUS_WORDS: Record<StoredConsent['status'], string> = {
  granted: 'Granted',
  refused: 'Refused',
  withdrawn: 'Withdrawn',
}

type Props = { entries: HistoryEntry[]; staffName: (id: string) => string }

export function ConsentHistory({ entries, staffName }: Props) {
  if (entries.length === 0) return <p className="child-panel__muted">No records.</p>
  return (
    <ol className="history">
      {entries.map(({ record, role }) => (
        <li key={record.id} className={`history__item history__item--${role}`}>
          <p>
            <strong>{STATUS_WORDS[record.status]}</strong> by {record.givenBy.name}
            {record.givenBy.relationship.trim() === '' ? '' : ` (${record.givenBy.relationship})`}
            {record.givenBy.parentalResponsibility ? '' : ', without parental responsibility'}
          </p>
          <p className="child-panel__muted">
            {formatDayTime(record.recordedAt)}, recorded by {staffName(record.recordedBy)}
            {record.formRef === undefined ? '' : ` · form ${record.formRef}`}
            {record.signedOn === undefined
              ? ''
              : ` · signed ${formatDay(`${record.signedOn}T12:00:00`)}`}
          </p>
          {record.conditions !== undefined && <p>Conditions: {record.conditions}</p>}
          {record.note !== undefined && <p>Note: {record.note}</p>}
          <p className="history__role">{ROLE_WORDS[role]}</p>
        </li>
      ))}
    </ol>
  )
}
