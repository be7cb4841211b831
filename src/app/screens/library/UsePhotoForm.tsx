// Use a photo: what for, where, until when (displays and publicity). The server decides and
// records the use before the image leaves the tablet; a refusal comes back with every reason.
// For a learning journal: share it (Web Share, where the browser has it) or download it, under
// a file name that never holds a child's name.
import { useId, useState } from 'react'
import { USE_PURPOSES, type Purpose } from '../../../policy/index.ts'
import type {
  LibraryPhoto,
  RecordUseRequest,
  UseAction,
  UseRefusalWire,
} from '../../../protocol/index.ts'
import { purposeTitle, reasonWords } from './libraryWords.ts'
import { LabelledInput } from '../../components/LabelledInput.tsx'
import type { LibraryNames } from './useLibraryNames.ts'
import type { UseOutcome } from './useOpenPhoto.ts'

type Props = {
  photo: LibraryPhoto
  names: LibraryNames
  busy: boolean
  canShare: boolean
  outcome: UseOutcome | null
  onUse: (request: RecordUseRequest) => void
}

type UsePurpose = (typeof USE_PURPOSES)[number]
const NEEDS_UNTIL: readonly Purpose[] = ['display', 'publicity']
const DEFAULT_PLACE: Record<UsePurpose, string> = {
  learning_journey: 'Learning journal',
  display: '',
  website: 'The setting’s website',
  social_parents: 'The parents’ group',
  social_public: 'The setting’s public page',
  publicity: '',
}

function endOfDay(day: string): string {
  return new Date(`${day}T23:59:59`).toISOString()
}

export function UsePhotoForm({ photo, names, busy, canShare, outcome, onUse }: Props) {
  const id = useId()
  const offered = USE_PURPOSES.filter((p) => photo.purposes.includes(p))
  const [purpose, setPurpose] = useState<UsePurpose | ''>(offered[0] ?? '')
  const [place, setPlace] = useState(purpose === '' ? '' : DEFAULT_PLACE[purpose])
  const [until, setUntil] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  if (offered.length === 0) return null
  const decision = photo.uses.find((u) => u.purpose === purpose)
  const needsUntil = purpose !== '' && NEEDS_UNTIL.includes(purpose)

  function submit(action: UseAction) {
    if (purpose === '') return
    const missing =
      place.trim() === ''
        ? 'Say where it is used.'
        : needsUntil && until === ''
          ? 'Say until when it is used.'
          : null
    setProblem(missing)
    if (missing !== null) return
    onUse({ purpose, action, place, until: needsUntil ? endOfDay(until) : null })
  }

  return (
    <section aria-labelledby={`${id}-h`} className="open-photo__section use-form">
      <h2 id={`${id}-h`}>Use this photo</h2>
      <label className="field">
        What for
        <select
          value={purpose}
          onChange={(e) => {
            const next = offered.find((p) => p === e.target.value) ?? ''
            setPurpose(next)
            setPlace(next === '' ? '' : DEFAULT_PLACE[next])
          }}
        >
          {offered.map((p) => (
            <option key={p} value={p}>
              {purposeTitle(p)}
            </option>
          ))}
        </select>
      </label>
      {decision !== undefined && !decision.allowed && (
        <div className="use-form__refused" data-testid="use-not-allowed">
          <p>Not allowed today:</p>
          <ReasonList reasons={decision.reasons} names={names} />
        </div>
      )}
      <LabelledInput label="Where" value={place} onChange={setPlace} />
      {needsUntil && <LabelledInput label="Until" type="date" value={until} onChange={setUntil} />}
      <div className="use-form__actions">
        {purpose === 'learning_journey' ? (
          <>
            {canShare && (
              <button
                type="button"
                className="button button--primary"
                disabled={busy}
                onClick={() => {
                  submit('share')
                }}
              >
                Share to the journal app
              </button>
            )}
            <button
              type="button"
              className={canShare ? 'button' : 'button button--primary'}
              disabled={busy}
              onClick={() => {
                submit('download')
              }}
            >
              Download for the journal
            </button>
          </>
        ) : (
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            onClick={() => {
              submit('record')
            }}
          >
            Record this use
          </button>
        )}
      </div>
      <div aria-live="polite">
        {problem !== null && <p className="field-error">{problem}</p>}
        {outcome?.ok === true && <p className="use-form__done">{outcome.message}</p>}
        {outcome?.ok === false && (
          <div role="alert" className="use-form__refused">
            <p>{outcome.message}</p>
            <ReasonList reasons={outcome.reasons} names={names} />
          </div>
        )}
      </div>
    </section>
  )
}

/** Why a use is not allowed, one line per rule and child. */
function ReasonList({ reasons, names }: { reasons: UseRefusalWire[]; names: LibraryNames }) {
  return (
    <ul>
      {reasons.map((r) => (
        <li key={`${r.code}-${r.childId ?? ''}`}>{reasonWords(r, names.child)}</li>
      ))}
    </ul>
  )
}
