// What the photo is for, what the practitioner confirms, the caption, and an adult in frame
// with the agreed reason when the policy needs one. Plain controls with labels a practitioner
// reads at a glance; the decision beside them says what is still missing.
import { PURPOSES, purposeLabel, type Attestations, type Purpose } from '../../../policy/index.ts'
import type { CaptureAnswers } from './useCaptureForm.ts'

type Props = {
  answers: CaptureAnswers
  needsReason: boolean
  disabled: boolean
  onTogglePurpose: (purpose: Purpose) => void
  onAttest: (key: keyof Attestations, value: boolean) => void
  onChange: (change: Partial<CaptureAnswers>) => void
}

const ATTESTATIONS: [keyof Attestations, string][] = [
  ['fullyDressed', 'Everyone in the photo is fully dressed'],
  ['noVisibleInjury', 'No one in the photo has a visible injury'],
  ['childrenWilling', 'The children are happy to be photographed'],
  ['noChildrenInFrame', 'There are no children in this photo'],
]

export function CaptureDetails({ answers, needsReason, disabled, ...on }: Props) {
  return (
    <fieldset className="capture-details" disabled={disabled}>
      <fieldset className="capture-details__group">
        <legend className="capture__legend">What is it for?</legend>
        <div className="capture-choice-row">
          {PURPOSES.map((purpose) => (
            <label key={purpose} className="capture-choice">
              <input
                type="checkbox"
                checked={answers.purposes.includes(purpose)}
                onChange={() => {
                  on.onTogglePurpose(purpose)
                }}
              />
              <span className="capture-choice__label">{purposeLabel(purpose)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="capture-details__group">
        <legend className="capture__legend">You confirm</legend>
        {ATTESTATIONS.map(([key, label]) => (
          <label key={key} className="capture-choice capture-choice--wide">
            <input
              type="checkbox"
              checked={answers.attestations[key]}
              disabled={key === 'noChildrenInFrame' && answers.childIds.length > 0}
              onChange={(e) => {
                on.onAttest(key, e.currentTarget.checked)
              }}
            />
            <span className="capture-choice__label">{label}</span>
          </label>
        ))}
      </fieldset>
      <label className="capture-details__field">
        <span className="capture__legend">Caption (no children’s names)</span>
        <textarea
          rows={2}
          value={answers.caption}
          onChange={(e) => {
            on.onChange({ caption: e.currentTarget.value })
          }}
        />
      </label>
      <label className="capture-choice capture-choice--wide">
        <input
          type="checkbox"
          checked={answers.adultInFrame}
          onChange={(e) => {
            on.onChange({ adultInFrame: e.currentTarget.checked })
          }}
        />
        <span className="capture-choice__label">An adult is in the photo</span>
      </label>
      {answers.adultInFrame && needsReason && (
        <label className="capture-details__field">
          <span className="capture__legend">The agreed reason for one child with an adult</span>
          <input
            type="text"
            value={answers.reason}
            onChange={(e) => {
              on.onChange({ reason: e.currentTarget.value })
            }}
          />
        </label>
      )}
    </fieldset>
  )
}
