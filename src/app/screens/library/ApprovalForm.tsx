// The manager records a parent's approval of this publicity photo: which child's parent, who
// (with parental responsibility: nobody else may approve), where it may appear and until when.
// Until every child's parent has approved, the photo is held for publicity.
import { useId, useState } from 'react'
import type { LibraryPhoto } from '../../../protocol/index.ts'
import { LabelledInput } from '../../components/LabelledInput.tsx'
import type { LibraryNames } from './useLibraryNames.ts'
import type { UseOutcome } from './useOpenPhoto.ts'
import { formatDay } from '../../components/formatDate.ts'

type Props = {
  photo: LibraryPhoto
  names: LibraryNames
  onApprove: (request: {
    childId: string
    givenBy: { name: string; relationship: string; parentalResponsibility: boolean }
    place: string
    until: string
  }) => Promise<UseOutcome>
}

export function ApprovalForm({ photo, names, onApprove }: Props) {
  const id = useId()
  const [childId, setChildId] = useState(photo.childIds[0] ?? '')
  const [name, setName] = useState('')
  const [relationship, setRelationship] = useState('')
  const [responsible, setResponsible] = useState(false)
  const [place, setPlace] = useState('')
  const [until, setUntil] = useState('')
  const [outcome, setOutcome] = useState<UseOutcome | null>(null)
  if (photo.childIds.length === 0) return null
  const approvals = photo.approvals

  async function submit() {
    if (name.trim() === '' || place.trim() === '' || until === '') {
      setOutcome({ ok: false, message: 'Fill in who approved, where and until when.', reasons: [] })
      return
    }
    const request = {
      childId,
      givenBy: { name, relationship, parentalResponsibility: responsible },
      place,
      until: new Date(`${until}T23:59:59`).toISOString(),
    }
    setOutcome(await onApprove(request))
  }

  return (
    <section aria-labelledby={`${id}-h`} className="open-photo__section use-form">
      <h2 id={`${id}-h`}>A parent’s approval for press and publicity</h2>
      {approvals.length > 0 && (
        <ul>
          {approvals.map((a) => (
            <li key={a.id}>
              {names.child(a.childId)}: approved by {a.givenBy.name} ({a.givenBy.relationship}) for{' '}
              {a.place}, until {formatDay(a.until)}
            </li>
          ))}
        </ul>
      )}
      <form
        className="use-form__grid"
        onSubmit={(e) => {
          e.preventDefault()
          void submit()
        }}
      >
        <label className="field">
          Child
          <select
            value={childId}
            onChange={(e) => {
              setChildId(e.target.value)
            }}
          >
            {photo.childIds.map((c) => (
              <option key={c} value={c}>
                {names.child(c)}
              </option>
            ))}
          </select>
        </label>
        <LabelledInput label="Approved by" value={name} onChange={setName} />
        <LabelledInput
          label="Relationship to the child"
          value={relationship}
          onChange={setRelationship}
        />
        <label className="check">
          <input
            type="checkbox"
            checked={responsible}
            onChange={(e) => {
              setResponsible(e.target.checked)
            }}
          />
          Has parental responsibility
        </label>
        <LabelledInput label="Where it may appear" value={place} onChange={setPlace} />
        <LabelledInput label="Until" type="date" value={until} onChange={setUntil} />
        <button type="submit" className="button button--primary">
          Record the approval
        </button>
      </form>
      <div aria-live="polite">
        {outcome !== null && (
          <p className={outcome.ok ? 'use-form__done' : 'field-error'}>{outcome.message}</p>
        )}
      </div>
    </section>
  )
}
