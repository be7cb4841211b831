/** Purposes in the words staff and parents use on the consent form. */
import type { Purpose } from './schema.ts'

export const PURPOSE_LABELS: Record<Purpose, string> = {
  learning_journey: 'learning journey',
  group_photo: 'group photos',
  display: 'displays in the setting',
  website: 'the website',
  social_parents: "the parents' group",
  social_public: 'public social media',
  publicity: 'press and publicity',
}

export function purposeLabel(purpose: Purpose): string {
  return PURPOSE_LABELS[purpose]
}

/** "learning journey", "learning journey and displays", "a, b and c". */
export function purposeList(purposes: readonly Purpose[]): string {
  const labels = purposes.map(purposeLabel)
  if (labels.length <= 1) return labels.join('')
  return `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1] ?? ''}`
}
