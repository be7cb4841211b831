// Who is in the photo: a grid of big names for the room's children (a tap tags, a second tap
// untags), and a search for anyone else. A child the room strip lists is marked here too, in
// words. While a block on a child stands, an untag waits for "Is <name> definitely not in this
// photo?", asked right under the tile tapped; once answered, focus goes back to that tile.
import { useCallback, useEffect, useId, useRef, useState, type Ref } from 'react'
import type { Child } from '../../../model/records.ts'
import { ConfirmQuestion } from '../../components/ConfirmQuestion.tsx'

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
  /** The group itself, so the screen can move focus here after the shutter. */
  groupRef?: Ref<HTMLFieldSetElement>
}

function fullName(child: Child): string {
  return `${child.firstName} ${child.lastName}`
}

/** Focus back on the tile whose question was just answered; returns the tiles' ref setter. */
function useFocusAfterAnswer(pendingUntag: string | null) {
  const tiles = useRef(new Map<string, HTMLButtonElement>())
  const asked = useRef<string | null>(null)
  useEffect(() => {
    if (pendingUntag === null && asked.current !== null) tiles.current.get(asked.current)?.focus()
    asked.current = pendingUntag
  }, [pendingUntag])
  return useCallback(
    (childId: string) => (el: HTMLButtonElement | null) => {
      if (el === null) tiles.current.delete(childId)
      else tiles.current.set(childId, el)
    },
    [],
  )
}

export function TagPanel(props: Props) {
  const { inRoom, others, tagged, disabled, groupRef } = props
  const [query, setQuery] = useState('')
  const searchId = useId()
  const tileRef = useFocusAfterAnswer(props.pendingUntag)
  const q = query.trim().toLowerCase()
  const found = q === '' ? [] : others.filter((c) => fullName(c).toLowerCase().includes(q))
  const taggedOthers = others.filter((c) => tagged.includes(c.id) && !found.includes(c))
  const tile = (child: Child) => (
    <NameTile
      key={child.id}
      child={child}
      excluded={props.excludedIds.has(child.id)}
      isTagged={tagged.includes(child.id)}
      asking={props.pendingUntag === child.id}
      tileRef={tileRef(child.id)}
      onToggle={props.onToggle}
      onConfirmUntag={props.onConfirmUntag}
      onCancelUntag={props.onCancelUntag}
    />
  )
  return (
    <fieldset className="tag-panel" disabled={disabled} ref={groupRef} tabIndex={-1}>
      <legend className="capture__legend">Who is in the photo?</legend>
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

type TileProps = Pick<Props, 'onToggle' | 'onConfirmUntag' | 'onCancelUntag'> & {
  child: Child
  excluded: boolean
  isTagged: boolean
  asking: boolean
  tileRef: (el: HTMLButtonElement | null) => void
}

function NameTile(props: TileProps) {
  const { child, isTagged, excluded, asking, tileRef, onToggle, onConfirmUntag, onCancelUntag } =
    props
  return (
    <li className={asking ? 'tag-grid__asking' : undefined}>
      <button
        ref={tileRef}
        type="button"
        className="name-tile"
        aria-pressed={isTagged}
        onClick={() => {
          onToggle(child.id, !isTagged)
        }}
      >
        {/* Spaces between the parts keep the button's name "Ava Appleby ✓ Tagged". */}
        <span className="name-tile__name">{child.firstName}</span>{' '}
        <span className="name-tile__surname">{child.lastName}</span>{' '}
        <span className="name-tile__state">
          {isTagged ? '✓ Tagged' : excluded ? '! Not to be photographed' : ''}
        </span>
      </button>
      {asking && (
        <ConfirmQuestion
          className="capture-confirm"
          question={`Is ${child.firstName} definitely not in this photo?`}
          confirmLabel={`Yes, ${child.firstName} is not in it`}
          cancelLabel="Keep the tag"
          onConfirm={onConfirmUntag}
          onCancel={onCancelUntag}
        />
      )}
    </li>
  )
}
