// A consent status as icon and word, e.g. "✓ Yes" or "✕ Withdrawn". Put it next to the purpose
// it is for: the word alone says the status, not what it is a status of. With an injury in
// force a valid consent reads "Not now: injury", never a green "Yes" beside the injury.
import type { EffectiveStatus } from '../../policy/index.ts'
import { ConsentIcon } from './ConsentIcon.tsx'
import { consentWords, type ConsentIconShape, type ConsentTone } from './consentStatusWords.ts'
import './ConsentStatusBadge.css'

const INJURED: { word: string; tone: ConsentTone; icon: ConsentIconShape } = {
  word: 'Not now: injury',
  tone: 'no',
  icon: 'exclamation',
}

export function ConsentStatusBadge(props: { status: EffectiveStatus; injured?: boolean }) {
  const { status } = props
  const { word, tone, icon } =
    props.injured === true && status === 'valid' ? INJURED : consentWords(status)
  return (
    <span className={`consent-badge consent-badge--${tone}`} data-status={status}>
      <ConsentIcon shape={icon} />
      <span>{word}</span>
    </span>
  )
}
