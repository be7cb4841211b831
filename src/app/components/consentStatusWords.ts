// A consent status in words: the short word a card shows, the icon that goes with it, and why,
// said without naming anyone (for staff who may not see the detail of a child's consent).
// Every blocked status has its own word, so nobody has to tell them apart by colour.
import { purposeLabel, type EffectiveStatus, type Purpose } from '../../policy/index.ts'

export type ConsentTone = 'yes' | 'no' | 'check'
export type ConsentIconShape = 'tick' | 'cross' | 'exclamation' | 'dash'

type Words = { word: string; tone: ConsentTone; icon: ConsentIconShape }

const WORDS: Record<EffectiveStatus, Words> = {
  valid: { word: 'Yes', tone: 'yes', icon: 'tick' },
  refused: { word: 'Refused', tone: 'no', icon: 'cross' },
  withdrawn: { word: 'Withdrawn', tone: 'no', icon: 'cross' },
  expired: { word: 'Review overdue', tone: 'check', icon: 'exclamation' },
  missing: { word: 'No record', tone: 'no', icon: 'dash' },
  no_parental_responsibility: {
    word: 'No parental responsibility',
    tone: 'check',
    icon: 'exclamation',
  },
}

export function consentWords(status: EffectiveStatus): Words {
  return WORDS[status]
}

/** Why, without names or dates: what a practitioner may always know. */
export function plainWhy(status: EffectiveStatus, purpose: Purpose): string {
  const what = purposeLabel(purpose)
  switch (status) {
    case 'valid':
      return `A parent has given consent for ${what}.`
    case 'refused':
      return `The parent refused consent for ${what}.`
    case 'withdrawn':
      return `Consent for ${what} was withdrawn.`
    case 'expired':
      return `Consent for ${what} is past its review date, so it no longer counts.`
    case 'missing':
      return `There is no consent on record for ${what}.`
    case 'no_parental_responsibility':
      return `Consent for ${what} was given by someone without parental responsibility, so it does not count.`
  }
}

/** "Learning journey", "The website": a purpose as a label at the start of a line. */
export function purposeTitle(purpose: Purpose): string {
  const label = purposeLabel(purpose)
  return label.charAt(0).toUpperCase() + label.slice(1)
}
