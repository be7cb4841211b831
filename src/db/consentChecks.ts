/**
 * What a consent form or withdrawal must hold before anything is written. Pure.
 *
 * Invariant: nothing malformed is stored. A bad date in one record would make the policy
 * refuse the whole device's consent data (it validates its input), so it is caught here.
 */
import {
  IsoSchema,
  type ConsentStatus,
  type GivenBy,
  type Iso,
  type Purpose,
} from '../policy/index.ts'
import type { DbError } from './result.ts'

export type ConsentErrorCode =
  | 'not-permitted'
  | 'unknown-child'
  | 'no-purpose'
  | 'no-parental-responsibility'
  | 'no-giver'
  | 'bad-review-date'

/** A form or a withdrawal, as the repository appends it: one status per purpose. */
export interface ConsentChange {
  childId: string
  decisions: [Purpose, ConsentStatus][]
  givenBy: GivenBy
  reviewDue?: Iso | null
  formRef?: string
  /** YYYY-MM-DD, as written on the form. */
  signedOn?: string
  conditions?: string
  note?: string
}

function lacksResponsibility(givenBy: GivenBy): string {
  const who =
    givenBy.relationship.trim() === '' ? givenBy.name : `${givenBy.name} (${givenBy.relationship})`
  return `${who} does not hold parental responsibility, so cannot give consent. Ask a parent or carer with parental responsibility to complete the form.`
}

export function consentChangeProblem(
  change: ConsentChange,
  now: Iso,
): DbError<ConsentErrorCode> | null {
  const problem = (code: ConsentErrorCode, message: string) => ({ code, message })
  if (change.decisions.length === 0) {
    return problem('no-purpose', 'The form has no answer for any purpose. Tick at least one.')
  }
  if (change.givenBy.name.trim() === '') {
    return problem('no-giver', 'Write the name of the person who gave or withdrew consent.')
  }
  // Refusals and withdrawals only restrict, so anyone may bring them; a grant may not.
  const grants = change.decisions.some(([, status]) => status === 'granted')
  if (grants && !change.givenBy.parentalResponsibility) {
    return problem('no-parental-responsibility', lacksResponsibility(change.givenBy))
  }
  const review = change.reviewDue ?? null
  if (
    review !== null &&
    (!IsoSchema.safeParse(review).success || Date.parse(review) <= Date.parse(now))
  ) {
    return problem('bad-review-date', 'The review date must be a date after today. Check it.')
  }
  return null
}
