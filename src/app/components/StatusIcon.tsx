// A small shape that goes with a status word: a tick, an exclamation mark or an ellipsis.
// Always next to text, never alone, so colour and shape only reinforce what the words say.

export type StatusTone = 'ok' | 'warn' | 'pending'

export function StatusIcon({ tone }: { tone: StatusTone }) {
  return (
    <svg className={`status-icon status-icon--${tone}`} viewBox="0 0 20 20" aria-hidden="true">
      <circle cx="10" cy="10" r="10" />
      {tone === 'ok' && <path d="M5.5 10.5 8.5 13.5 14.5 7" />}
      {tone === 'warn' && <path d="M10 5v6.5M10 14.5v.5" />}
      {tone === 'pending' && <path d="M6 10h.01M10 10h.01M14 10h.01" />}
    </svg>
  )
}
