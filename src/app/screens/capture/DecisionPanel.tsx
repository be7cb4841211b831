// The live decision: can this photo be kept, every finding in plain words, and the actions.
// Save exists only when the policy allows; "Save for <purposes> only" when only some purposes
// are allowed; Discard always. Verdict and findings are words with an icon, never colour alone.
import { purposeList, type Decision, type Purpose } from '../../../policy/index.ts'
import { StatusIcon, type StatusTone } from '../../components/StatusIcon.tsx'
import type { SaveStatus } from './useCaptureSave.ts'

type Props = {
  decision: Decision | null
  narrowTo: Purpose[] | null
  purposes: Purpose[]
  status: SaveStatus
  onSave: (purposes: Purpose[]) => void
  onDiscard: () => void
}

const VERDICT: Record<Decision['verdict'], { tone: StatusTone; text: string }> = {
  allow: { tone: 'ok', text: 'Can be saved' },
  needs_reason: { tone: 'warn', text: 'Needs the agreed reason' },
  block: { tone: 'warn', text: 'Cannot be saved as it is' },
}

const SEVERITY: Record<Decision['findings'][number]['severity'], string> = {
  block: 'Stops the save',
  reason: 'Reason needed',
  warn: 'Note',
}

export function DecisionPanel({ decision, narrowTo, purposes, status, onSave, onDiscard }: Props) {
  const saving = status.kind === 'saving'
  const verdict = decision === null ? null : VERDICT[decision.verdict]
  return (
    <section className="capture-decision" aria-labelledby="decision-title" aria-live="polite">
      <h2
        id="decision-title"
        className={`capture-decision__verdict capture-decision__verdict--${verdict?.tone ?? 'pending'}`}
      >
        <StatusIcon tone={verdict?.tone ?? 'pending'} />
        {verdict?.text ?? 'Checking…'}
      </h2>
      {decision !== null && decision.findings.length > 0 && (
        <ul className="capture-decision__findings">
          {decision.findings.map((f, i) => (
            <li key={`${f.rule}-${f.childId ?? ''}-${f.purpose ?? ''}-${i}`} data-rule={f.rule}>
              <span
                className={`capture-decision__severity capture-decision__severity--${f.severity}`}
              >
                {SEVERITY[f.severity]}
              </span>{' '}
              {f.message}
            </li>
          ))}
        </ul>
      )}
      {status.kind === 'failed' && (
        <p className="capture-decision__error" role="alert">
          {status.message}
        </p>
      )}
      <div className="capture-decision__actions">
        <button
          type="button"
          className="button button--primary"
          disabled={saving || decision?.verdict !== 'allow'}
          onClick={() => {
            onSave(purposes)
          }}
        >
          {saving ? 'Saving…' : 'Save photo'}
        </button>
        {decision?.verdict !== 'allow' && narrowTo !== null && (
          <button
            type="button"
            className="button button--primary"
            disabled={saving}
            onClick={() => {
              onSave(narrowTo)
            }}
          >
            {saving ? 'Saving…' : `Save for ${purposeList(narrowTo)} only`}
          </button>
        )}
        <button type="button" className="button" disabled={saving} onClick={onDiscard}>
          Discard
        </button>
      </div>
    </section>
  )
}
