// The library's states and decisions in a practitioner's words, with the child named: on the
// tablet's screen names are fine (only file names never carry them).
import { purposeLabel, purposeList, type Purpose } from '../../../policy/index.ts'
import type { LibraryPhoto, UseRefusalWire } from '../../../protocol/index.ts'
import { dayWords } from '../../../audit/index.ts'
import type { StatusTone } from '../../components/StatusIcon.tsx'

export function stateWords(
  photo: LibraryPhoto,
  childName: (id: string) => string,
): { tone: StatusTone; text: string } {
  switch (photo.state) {
    case 'in_use':
      return { tone: 'ok', text: 'In use' }
    case 'flagged': {
      const why = photo.flags.map(
        (f) =>
          `${childName(f.childId)}'s consent for ${purposeList(f.purposes)} was withdrawn on ${dayWords(f.at.slice(0, 10))}`,
      )
      return { tone: 'warn', text: `Flagged for removal: ${why.join('; ')}` }
    }
    case 'quarantined':
      return { tone: 'warn', text: `Quarantined: ${photo.quarantine?.message ?? ''}` }
    case 'erased':
      return { tone: 'warn', text: `Deleted: ${photo.erased?.reason ?? ''}` }
  }
}

/** "Displays in the setting: withdrawn since 20 Nov 2026 for Ava Appleby". */
export function withdrawnLines(photo: LibraryPhoto, childName: (id: string) => string): string[] {
  return photo.uses.flatMap((use) =>
    use.reasons
      .filter((r) => r.code === 'consent-withdrawn' && r.childId !== null)
      .map(
        (r) =>
          `${capitalised(purposeLabel(use.purpose))}: withdrawn${r.since === null ? '' : ` since ${dayWords(r.since.slice(0, 10))}`} for ${childName(r.childId ?? '')}`,
      ),
  )
}

export function reasonWords(reason: UseRefusalWire, childName: (id: string) => string): string {
  return reason.childId === null
    ? reason.message
    : `${childName(reason.childId)}: ${reason.message}`
}

export function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

export function purposeTitle(purpose: Purpose): string {
  return capitalised(purposeLabel(purpose))
}
