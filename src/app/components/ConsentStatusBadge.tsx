// A consent status as icon and word, e.g. "✓ Yes" or "✕ Withdrawn". Put it next to the purpose
// it is for: the word alone says the status, not what it is a status of.
import type { EffectiveStatus } from '../../policy/index.ts'
import { ConsentIcon } from './ConsentIcon.tsx'
import { consentWords } from './consentStatusWords.ts'
import './ConsentStatusBadge.css'

export function ConsentStatusBadge({ status }: { status: EffectiveStatus }) {
  const { word, tone, icon } = consentWords(status)
  return (
    <span className={`consent-badge consent-badge--${tone}`} data-status={status}>
      <ConsentIcon shape={icon} />
      <span>{word}</span>
    </span>
  )
}
