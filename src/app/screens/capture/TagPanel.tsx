// Who is in the photo: a grid of big names for the room's children (a tap tags, a second tap
// untags), and a search for anyone else. A child the room strip lists is marked here too, in
// words. While a block on a child stands, an untag waits for "Is <name> definitely not in this
// photo?", answered in place.
import { useId, useState } from 'react'
import type { Child } from '../../../db/index.ts'

type Props = {
  inRoom: Child[]
  others: Child[]
  excludedIds: ReadonlySet<string>
  tagged: readonly string[]
  disabled: boolean
  pendingUntag: string | null
  onToggle: (childId: string, tagged: boolean) => void
  onConfirmUntag: () => void
  onCancelUntag: () => void
}

function fullName(child: Child): string {
  return `${child.firstName} ${child.lastName}`
}

export function TagPanel(props: Props) {
  const { inRoom, others, tagged, disabled, pendingUntag } = props
  const [query, setQuery] = useState('')
  const searchId = useId()
  const q = query.trim().toLowerCase()
  const found = q === '' ? [] : others.filter((c) => fullName(c).toLowerCase().includes(q))
  const taggedOthers = others.filter((c) => tagged.includes(c.id) && !found.includes(c))
  const pendingChild = [...inRoom, ...others].find((c) => c.id === pendingUntag)
  const tile = (child: Child) => (
    <NameTile key={child.id} child={child} {...props} isTagged={tagged.includes(child.id)} />
  )
  return (
    <fieldset className="tag-panel" disabled={disabled}>
      <legend className="capture__legend">Who is in the photo?</legend>
      {pendingChild !== undefined && (
        <div className="capture-confirm" role="alertdialog" aria-labelledby="untag-question">
          <p id="untag-question">Is {pendingChild.firstName} definitely not in this photo?</p>
          <div className="capture-confirm__actions">
            <button type="button" className="button button--primary" onClick={props.onConfirmUntag}>
              Yes, {pendingChild.firstName} is not in it
            </button>
            <button type="button" className="button" onClick={props.onCancelUntag}>
              Keep the tag
            </button>
          </div>
        </div>
      )}
      <ul className="tag-grid">{[...inRoom, ...taggedOthers].map(tile)}</ul>
      <label className="tag-panel__search" htmlFor={searchId}>
        Someone from another room
        <input
          id={searchId}
          type="search"
          value={query}
          placeholder="Type a name"
          onChange={(e) => {
            setQuery(e.currentTarget.value)
          }}
        />
      </label>
      {found.length > 0 && <ul className="tag-grid">{found.map(tile)}</ul>}
      {q !== '' && found.length === 0 && <p className="capture__hint">No one else by that name.</p>}
    </fieldset>
  )
}

function NameTile(props: Props & { child: Child; isTagged: boolean }) {
  const { child, isTagged, excludedIds } = props
  return (
    <li>
      <button
        type="button"
        className="name-tile"
        aria-pressed={isTagged}
        onClick={() => {
          props.onToggle(child.id, !isTagged)
        }}
      >
        {/* Spaces between the parts keep the button's name "Ava Appleby ✓ Tagged". */}
        <span className="name-tile__name">{child.firstName}</span>{' '}
        <span className="name-tile__surname">{child.lastName}</span>{' '}
        <span className="name-tile__state">
          {isTagged ? '✓ Tagged' : excludedIds.has(child.id) ? '! Not to be photographed' : ''}
        </span>
      </button>
    </li>
  )
}
