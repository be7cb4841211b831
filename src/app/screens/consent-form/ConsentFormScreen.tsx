// Recording a signed consent form (manager only): an answer per purpose, who signed and
// whether they hold parental responsibility, the dates, the form's reference and conditions.
// Problems are listed before anything is saved. A thin view over useConsentForm.
import { useEffect, useRef, type SyntheticEvent } from 'react'
import { deniedMessage, purposeList, type Purpose } from '../../../policy/index.ts'
import { FormDetailsSection, GiverSection } from './FormSections.tsx'
import { PurposeAnswers } from './PurposeAnswers.tsx'
import { useConsentForm } from './useConsentForm.ts'
import '../../components/forms.css'
import './ConsentFormScreen.css'

export function ConsentFormScreen(props: { childId: string }) {
  const f = useConsentForm(props.childId)
  const problems = useRef<HTMLDivElement>(null)
  // "Save" is at the bottom and the problems at the top: take the person to them.
  useEffect(() => {
    if (f.failures > 0) problems.current?.focus()
  }, [f.failures])
  const { state, errors, child } = f
  const name = child === undefined ? '' : `${child.firstName} ${child.lastName}`
  if (!f.mayRecord) {
    return (
      <div className="consent-form">
        <h1 className="screen-title">Record consent</h1>
        <p>{deniedMessage('record-consent')}</p>
      </div>
    )
  }
  if (f.saved !== null) {
    const purposes = [...new Set(f.saved.records.map((r) => r.purpose))]
    return (
      <div className="consent-form">
        <h1 className="screen-title">Consent recorded for {name}</h1>
        <section className="card consent-form__done" aria-label="Saved">
          <p role="status">Saved for {purposeList(purposes)}. It counts from now on this tablet.</p>
          {f.saved.stillConcurrent.length > 0 && (
            <p>{stillConcurrentText(f.saved.stillConcurrent)}</p>
          )}
          <button type="button" className="button button--primary" onClick={f.back}>
            Back to {child?.firstName ?? 'the child'}’s page
          </button>
        </section>
      </div>
    )
  }
  const messages = Object.entries(errors)

  function onSubmit(event: SyntheticEvent) {
    event.preventDefault()
    void f.save()
  }

  return (
    <form className="consent-form" onSubmit={onSubmit} noValidate>
      <h1 className="screen-title">Record consent for {name}</h1>
      <p className="consent-form__intro">
        Copy the signed form. Each answer is added to {child?.firstName ?? 'the child'}’s record;
        nothing already recorded is changed.
      </p>
      <div className="form-error" role="alert" tabIndex={-1} ref={problems}>
        {messages.length > 0 && (
          <>
            <p>The form was not saved. Check:</p>
            <ul>
              {messages.map(([field, message]) => (
                <li key={field}>{message}</li>
              ))}
            </ul>
          </>
        )}
        {f.saveError}
      </div>

      <section className="card consent-form__section" aria-labelledby="answers-title">
        <div className="consent-form__section-head">
          <h2 id="answers-title">Answers on the form</h2>
          <button
            type="button"
            className="button"
            onClick={() => {
              f.answerAll('granted')
            }}
          >
            All granted
          </button>
        </div>
        <PurposeAnswers
          answers={state.answers}
          current={f.current}
          error={errors.answers}
          onAnswer={f.setAnswer}
        />
      </section>

      <GiverSection state={state} errors={errors} update={f.update} />
      <FormDetailsSection
        state={state}
        errors={errors}
        update={f.update}
        setSignedOn={f.setSignedOn}
        setReviewOn={f.setReviewOn}
      />

      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={f.busy}>
          {f.busy ? 'Saving…' : 'Save consent'}
        </button>
        <button type="button" className="button" onClick={f.back}>
          Cancel
        </button>
      </div>
    </form>
  )
}

function stillConcurrentText(purposes: Purpose[]): string {
  return (
    `${purposeList(purposes)} also has an answer recorded at the same time on another tablet. ` +
    'The most restrictive answer counts: save the form again to replace that one too.'
  )
}
