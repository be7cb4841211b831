// A child's photo answer (policy/photoAnswer.ts) in words, the same on the board's strip and
// card, the child's page and the camera: the headline, its tone, and each reason. Reasons are
// said without naming who gave or refused consent: any member of staff may read them.
import {
  purposeLabel,
  purposeList,
  type ExclusionCode,
  type PhotoAnswer,
  type Purpose,
} from '../../policy/index.ts'

export type AnswerReason = { code: ExclusionCode; text: string }

const REASON_WORDS: Record<ExclusionCode, string> = {
  injury: 'Injury recorded: no photos until the manager clears it',
  no_record: 'No consent on record',
  refused: 'Parent refused consent',
  withdrawn: 'Consent withdrawn',
  review_overdue: 'Consent review overdue',
  no_parental_responsibility: 'Consent given by someone without parental responsibility',
}

export function reasonWords(code: ExclusionCode, purpose?: Purpose): AnswerReason {
  const forWhat = purpose === undefined || code === 'injury' ? '' : ` for ${purposeLabel(purpose)}`
  return { code, text: `${REASON_WORDS[code]}${forWhat}` }
}

/** "Not to be photographed now", "Not to be photographed for learning journey", "May be…". */
export function answerTitle(answer: PhotoAnswer): string {
  if (answer.excluded) return 'Not to be photographed now'
  if (answer.answer !== 'yes') return `Not to be photographed for ${purposeList(answer.blocked)}`
  return answer.allowed.length === 0
    ? 'May be photographed'
    : `May be photographed for ${purposeList(answer.allowed)}`
}

export function answerTone(answer: PhotoAnswer): 'yes' | 'no' {
  return answer.answer === 'yes' ? 'yes' : 'no'
}

/**
 * Each reason in words; an exclusion says plainly that it covers every purpose (unless the
 * screen says which purposes are valid anyway: `anyPurpose: false`).
 */
export function answerReasons(answer: PhotoAnswer, anyPurpose = true): AnswerReason[] {
  const reasons = answer.reasons.map((r) => reasonWords(r.code, r.purpose))
  // Said plainly, so nobody reads "for learning journey" as "fine for a display".
  const first = reasons[0]
  if (anyPurpose && answer.excluded && first !== undefined && first.code !== 'injury')
    reasons.push({ code: first.code, text: 'No photos for any purpose' })
  return reasons
}
