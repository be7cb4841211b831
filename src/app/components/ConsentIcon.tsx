// The shape that goes with a consent word: tick, cross, exclamation mark or dash. Decorative:
// always beside the word, so shape and colour only reinforce what the word says.
import type { ConsentIconShape } from './consentStatusWords.ts'

const PATHS: Record<ConsentIconShape, string> = {
  tick: 'M5.5 10.5 8.5 13.5 14.5 7',
  cross: 'M6.5 6.5l7 7M13.5 6.5l-7 7',
  exclamation: 'M10 5v6.5M10 14.5v.5',
  dash: 'M6 10h8',
}

export function ConsentIcon({ shape }: { shape: ConsentIconShape }) {
  return (
    <svg className="status-icon" viewBox="0 0 20 20" aria-hidden="true">
      <circle cx="10" cy="10" r="10" />
      <path d={PATHS[shape]} />
    </svg>
  )
}
