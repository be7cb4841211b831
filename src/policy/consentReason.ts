/** Why a child's consent for a purpose is what it is, in a practitioner's words. */
import { dayWords } from './calendar.ts'
import type { EffectiveStatus } from './effectiveConsent.ts'
import { purposeLabel } from './purposeLabels.ts'
import type { ConsentRecord, Purpose } from './schema.ts'

function giver(record: ConsentRecord): string {
  const { name, relationship } = record.givenBy
  return relationship.trim() === '' ? name : `${name} (${relationship})`
}

export function consentReason(
  status: EffectiveStatus,
  record: ConsentRecord | null,
  purpose: Purpose,
): string {
  const what = purposeLabel(purpose)
  if (record === null || status === 'missing') return `No consent on record for ${what}.`
  const day = dayWords(record.recordedAt)
  switch (status) {
    case 'valid':
      return `Consent for ${what} given by ${giver(record)} on ${day}.`
    case 'refused':
      return `${giver(record)} refused consent for ${what} on ${day}.`
    case 'withdrawn':
      return `${giver(record)} withdrew consent for ${what} on ${day}.`
    case 'expired':
      return `Consent for ${what} is past its review date; ask the parent to renew it.`
    case 'no_parental_responsibility':
      return `Consent for ${what} was given by ${giver(record)}, who does not hold parental responsibility.`
  }
}
