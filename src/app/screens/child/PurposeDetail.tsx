// One purpose on a child's page. With detail (the manager, the child's keyworker): the reason,
// who gave it and whether they hold parental responsibility, when, the review date, form
// reference, conditions, and the full history. Without: the status and why, and no names.
import { formatDay, formatDayTime } from '../../components/formatDate.ts'
import { ConsentStatusBadge } from '../../components/ConsentStatusBadge.tsx'
import { plainWhy, purposeTitle } from '../../components/consentStatusWords.ts'
import type { PurposeView } from './childModel.ts'
import { ConsentHistory } from './ConsentHistory.tsx'

type Props = {
  view: PurposeView
  injured: boolean
  detail: boolean
  staffName: (id: string) => string
}

export function PurposeDetail({ view, injured, detail, staffName }: Props) {
  const { purpose, effective, deciding, history } = view
  const id = `purpose-${purpose}`
  return (
    <section className="purpose" aria-labelledby={id} data-purpose={purpose}>
      <h3 id={id} className="purpose__title">
        <span>{purposeTitle(purpose)}</span>
        <ConsentStatusBadge status={effective.status} injured={injured} />
      </h3>
      <p>{detail ? effective.reason : plainWhy(effective.status, purpose)}</p>
      {detail && effective.concurrentEdit && (
        <p className="purpose__concurrent">
          Two tablets recorded different answers without seeing each other. The most restrictive one
          counts until the manager records the form again.
        </p>
      )}
      {detail && deciding !== null && (
        <dl className="purpose__facts">
          <div>
            <dt>Given by</dt>
            <dd>
              {deciding.givenBy.name}
              {deciding.givenBy.relationship.trim() === ''
                ? ''
                : `, ${deciding.givenBy.relationship}`}
            </dd>
          </div>
          <div>
            <dt>Parental responsibility</dt>
            <dd>{deciding.givenBy.parentalResponsibility ? 'Yes' : 'No'}</dd>
          </div>
          <div>
            <dt>Recorded</dt>
            <dd>{formatDayTime(deciding.recordedAt)}</dd>
          </div>
          {deciding.status === 'granted' && effective.reviewDue !== null && (
            <div>
              <dt>Review due</dt>
              <dd>{formatDay(effective.reviewDue)}</dd>
            </div>
          )}
          {deciding.signedOn !== undefined && (
            <div>
              <dt>Form signed</dt>
              <dd>{formatDay(`${deciding.signedOn}T12:00:00`)}</dd>
            </div>
          )}
          {deciding.formRef !== undefined && (
            <div>
              <dt>Form reference</dt>
              <dd>{deciding.formRef}</dd>
            </div>
          )}
          {deciding.conditions !== undefined && (
            <div>
              <dt>Conditions</dt>
              <dd>{deciding.conditions}</dd>
            </div>
          )}
          {deciding.note !== undefined && (
            <div>
              <dt>Note</dt>
              <dd>{deciding.note}</dd>
            </div>
          )}
        </dl>
      )}
      {detail && history.length > 0 && (
        <details className="purpose__history">
          <summary>
            History ({history.length === 1 ? '1 record' : `${history.length} records`})
          </summary>
          <ConsentHistory entries={history} staffName={staffName} />
        </details>
      )}
    </section>
  )
}
