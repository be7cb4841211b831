/**
 * The paper consent form as the manager copies it in: an answer per purpose, who signed, the
 * dates, the form's reference and any conditions. Pure: `today` comes in as an argument.
 *
 * Invariants:
 * - Every problem is reported at once, by field, in words that say what to do.
 * - A grant from someone without parental responsibility is refused here, before anything is
 *   saved (the repository refuses it too). Refusals from them may still be saved alone.
 * - The review date defaults to 12 calendar months after the date signed, and follows the
 *   date signed until the manager changes it by hand.
 * - Calendar dates ("YYYY-MM-DD") are the tablet's local days; stored times are ISO instants.
 */
import { PURPOSES, addCalendarMonthsMs, type Iso, type Purpose } from '../../../policy/index.ts'
import type { ConsentForm } from '../../../db/index.ts'

export type Answer = 'granted' | 'refused' | 'unanswered'
export type FormField =
  'answers' | 'giverName' | 'relationship' | 'responsibility' | 'signedOn' | 'reviewOn'

export interface ConsentFormState {
  answers: Record<Purpose, Answer>
  giverName: string
  relationship: string
  parentalResponsibility: 'yes' | 'no' | null
  signedOn: string
  reviewOn: string
  reviewEdited: boolean
  formRef: string
  conditions: string
}

export type FormCheck =
  { ok: true; form: ConsentForm } | { ok: false; errors: Partial<Record<FormField, string>> }

const NO_ANSWERS: Record<Purpose, Answer> = {
  learning_journey: 'unanswered',
  group_photo: 'unanswered',
  display: 'unanswered',
  website: 'unanswered',
  social_parents: 'unanswered',
  social_public: 'unanswered',
  publicity: 'unanswered',
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/

/** Every purpose given the same answer: most forms are all "yes" but one or two. */
export function answerAll(answer: Answer): Record<Purpose, Answer> {
  const answers: Record<Purpose, Answer> = { ...NO_ANSWERS }
  for (const p of PURPOSES) answers[p] = answer
  return answers
}

/** The tablet's local calendar day of `date`, as "YYYY-MM-DD". */
export function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${String(date.getFullYear())}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

/** Local midnight at the start of a "YYYY-MM-DD" day, as an ISO instant; null if not a day. */
export function dayToIso(day: string): Iso | null {
  const m = DAY.exec(day)
  if (m === null) return null
  const date = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  return Number.isNaN(date.getTime()) || localDay(date) !== day ? null : date.toISOString()
}

export function defaultReview(signedOn: string): string {
  if (DAY.exec(signedOn) === null) return ''
  const ms = addCalendarMonthsMs(Date.parse(`${signedOn}T12:00:00Z`), 12)
  return new Date(ms).toISOString().slice(0, 10)
}

export function emptyForm(today: string): ConsentFormState {
  return {
    answers: { ...NO_ANSWERS },
    giverName: '',
    relationship: '',
    parentalResponsibility: null,
    signedOn: today,
    reviewOn: defaultReview(today),
    reviewEdited: false,
    formRef: '',
    conditions: '',
  }
}

function noResponsibility(s: ConsentFormState): string {
  const who = s.giverName.trim() === '' ? 'The person who signed' : s.giverName.trim()
  return (
    `${who} does not hold parental responsibility, so cannot give consent. ` +
    'Ask a parent or carer with parental responsibility to sign the form, ' +
    'or record only the refusals.'
  )
}

export function checkForm(childId: string, s: ConsentFormState, today: string): FormCheck {
  const errors: Partial<Record<FormField, string>> = {}
  const decisions = PURPOSES.flatMap((p): [Purpose, 'granted' | 'refused'][] => {
    const a = s.answers[p]
    return a === 'unanswered' ? [] : [[p, a]]
  })
  const grants = decisions.some(([, a]) => a === 'granted')
  if (decisions.length === 0) errors.answers = 'Choose Granted or Refused for at least one purpose.'
  if (s.giverName.trim() === '') errors.giverName = 'Write the name of the person who signed.'
  if (s.relationship.trim() === '') {
    errors.relationship = 'Write how they are related to the child, for example mother.'
  }
  if (s.parentalResponsibility === null) {
    errors.responsibility = 'Say whether they hold parental responsibility.'
  } else if (grants && s.parentalResponsibility === 'no') {
    errors.responsibility = noResponsibility(s)
  }
  const signed = dayToIso(s.signedOn)
  if (signed === null) errors.signedOn = 'Enter the date the form was signed.'
  else if (s.signedOn > today) errors.signedOn = 'The date signed cannot be in the future.'
  const review = dayToIso(s.reviewOn)
  if (grants && (review === null || s.reviewOn <= today)) {
    errors.reviewOn = 'The review date must be after today. Check it, or ask for a new form.'
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  const form: ConsentForm = {
    childId,
    decisions: Object.fromEntries(decisions),
    givenBy: {
      name: s.giverName.trim(),
      relationship: s.relationship.trim(),
      parentalResponsibility: s.parentalResponsibility === 'yes',
    },
    reviewDue: grants ? review : null,
    signedOn: s.signedOn,
  }
  if (s.formRef.trim() !== '') form.formRef = s.formRef.trim()
  if (s.conditions.trim() !== '') form.conditions = s.conditions.trim()
  return { ok: true, form }
}
