// The form's purposes: one row each with Granted, Refused or Not answered (big radio buttons),
// and what is on record now, so the manager sees what the new form changes.
import { PURPOSES, type EffectiveConsent, type Purpose } from '../../../policy/index.ts'
import { ConsentStatusBadge } from '../../components/ConsentStatusBadge.tsx'
import { purposeTitle } from '../../components/consentStatusWords.ts'
import type { Answer } from './consentFormModel.ts'

const CHOICES: { value: Answer; label: string }[] = [
  { value: 'granted', label: 'Granted' },
  { value: 'refused', label: 'Refused' },
  { value: 'unanswered', label: 'Not answered' },
]

type Props = {
  answers: Record<Purpose, Answer>
  current: Record<Purpose, EffectiveConsent> | null
  error: string | undefined
  onAnswer: (purpose: Purpose, answer: Answer) => void
}

export function PurposeAnswers({ answers, current, error, onAnswer }: Props) {
  return (
    <div className="answers" aria-describedby={error === undefined ? undefined : 'answers-error'}>
      {PURPOSES.map((purpose) => (
        <fieldset key={purpose} className="answers__row" data-purpose={purpose}>
          <legend className="answers__purpose">{purposeTitle(purpose)}</legend>
          {current !== null && (
            <span className="answers__now">
              On record now: <ConsentStatusBadge status={current[purpose].status} />
            </span>
          )}
          <div className="answers__choices">
            {CHOICES.map((choice) => (
              <label
                key={choice.value}
                className={`answers__choice answers__choice--${choice.value}`}
              >
                <input
                  type="radio"
                  name={`answer-${purpose}`}
                  value={choice.value}
                  checked={answers[purpose] === choice.value}
                  onChange={() => {
                    onAnswer(purpose, choice.value)
                  }}
                />
                {choice.label}
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      {error !== undefined && (
        <p id="answers-error" className="field-error">
          {error}
        </p>
      )}
    </div>
  )
}
