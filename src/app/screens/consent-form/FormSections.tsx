// The form's "Who signed" and "The form" sections: plain fields over the form state, so the
// screen stays a short view. Parental responsibility is a Yes/No with nothing chosen at first:
// it is the one answer that decides whether a grant can count, so it is never assumed.
import { Field } from '../../components/Field.tsx'
import type { ConsentFormState, FormField } from './consentFormModel.ts'

const RELATIONSHIPS = [
  'mother',
  'father',
  'parent',
  'step-parent',
  'legal guardian',
  'foster carer',
  'grandparent',
]

type Props = {
  state: ConsentFormState
  errors: Partial<Record<FormField, string>>
  update: (patch: Partial<ConsentFormState>) => void
}

export function GiverSection({ state, errors, update }: Props) {
  return (
    <section className="card consent-form__section" aria-labelledby="giver-title">
      <h2 id="giver-title">Who signed</h2>
      <div className="consent-form__grid">
        <Field id="giver-name" label="Name" error={errors.giverName}>
          {(c) => (
            <input
              {...c}
              value={state.giverName}
              autoComplete="off"
              onChange={(e) => {
                update({ giverName: e.target.value })
              }}
            />
          )}
        </Field>
        <Field
          id="giver-relationship"
          label="Relationship to the child"
          error={errors.relationship}
        >
          {(c) => (
            <input
              {...c}
              value={state.relationship}
              autoComplete="off"
              list="relationships"
              onChange={(e) => {
                update({ relationship: e.target.value })
              }}
            />
          )}
        </Field>
      </div>
      <datalist id="relationships">
        {RELATIONSHIPS.map((r) => (
          <option key={r} value={r} />
        ))}
      </datalist>
      <fieldset
        className="consent-form__pr"
        aria-describedby={errors.responsibility === undefined ? undefined : 'pr-error'}
      >
        <legend>Do they hold parental responsibility?</legend>
        {(['yes', 'no'] as const).map((v) => (
          <label key={v} className="check">
            <input
              type="radio"
              name="parental-responsibility"
              checked={state.parentalResponsibility === v}
              onChange={() => {
                update({ parentalResponsibility: v })
              }}
            />
            {v === 'yes' ? 'Yes' : 'No (for example a grandparent or childminder)'}
          </label>
        ))}
        {errors.responsibility !== undefined && (
          <p id="pr-error" className="field-error">
            {errors.responsibility}
          </p>
        )}
      </fieldset>
    </section>
  )
}

export function FormDetailsSection(
  props: Props & { setSignedOn: (day: string) => void; setReviewOn: (day: string) => void },
) {
  const { state, errors, update, setSignedOn, setReviewOn } = props
  return (
    <section className="card consent-form__section" aria-labelledby="form-details-title">
      <h2 id="form-details-title">The form</h2>
      <div className="consent-form__grid">
        <Field id="signed-on" label="Date signed" error={errors.signedOn}>
          {(c) => (
            <input
              {...c}
              type="date"
              value={state.signedOn}
              onChange={(e) => {
                setSignedOn(e.target.value)
              }}
            />
          )}
        </Field>
        <Field
          id="review-on"
          label="Review date"
          hint="12 months after signing unless you change it."
          error={errors.reviewOn}
        >
          {(c) => (
            <input
              {...c}
              type="date"
              value={state.reviewOn}
              onChange={(e) => {
                setReviewOn(e.target.value)
              }}
            />
          )}
        </Field>
        <Field id="form-ref" label="Form reference (optional)" hint="The file number or scan name.">
          {(c) => (
            <input
              {...c}
              value={state.formRef}
              autoComplete="off"
              onChange={(e) => {
                update({ formRef: e.target.value })
              }}
            />
          )}
        </Field>
      </div>
      <Field
        id="conditions"
        label="Conditions or partial consent (optional)"
        hint="In the parent’s words, for example: no photos in the paddling pool."
      >
        {(c) => (
          <textarea
            {...c}
            rows={3}
            value={state.conditions}
            onChange={(e) => {
              update({ conditions: e.target.value })
            }}
          />
        )}
      </Field>
    </section>
  )
}
