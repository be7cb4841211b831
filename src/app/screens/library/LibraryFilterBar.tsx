// The library's filters: day, room, child (the person's own key children for a keyworker) and
// purpose. Each is a labelled native control, so it works with a finger and a screen reader.
import { PURPOSES, purposeLabel, type Purpose } from '../../../policy/index.ts'
import type { Child, Room } from '../../../model/records.ts'
import type { LibraryFilters } from './useLibraryScreen.ts'

type Props = {
  filters: LibraryFilters
  rooms: Room[]
  children: Child[]
  onChange: <K extends keyof LibraryFilters>(name: K, value: LibraryFilters[K]) => void
  onClear: () => void
}

function isPurpose(value: string): value is Purpose {
  return PURPOSES.some((p) => p === value)
}

export function LibraryFilterBar({ filters, rooms, children, onChange, onClear }: Props) {
  return (
    <form
      className="library-filters"
      aria-label="Filter the photos"
      onSubmit={(e) => {
        e.preventDefault()
      }}
    >
      <label className="field">
        Day
        <input
          type="date"
          value={filters.day}
          onChange={(e) => {
            onChange('day', e.target.value)
          }}
        />
      </label>
      <label className="field">
        Room
        <select
          value={filters.roomId}
          onChange={(e) => {
            onChange('roomId', e.target.value)
          }}
        >
          <option value="">Every room</option>
          {rooms.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        Child
        <select
          value={filters.childId}
          onChange={(e) => {
            onChange('childId', e.target.value)
          }}
        >
          <option value="">Every child</option>
          {children.map((c) => (
            <option key={c.id} value={c.id}>
              {c.firstName} {c.lastName}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        Purpose
        <select
          value={filters.purpose}
          onChange={(e) => {
            const value = e.target.value
            onChange('purpose', isPurpose(value) ? value : '')
          }}
        >
          <option value="">Every purpose</option>
          {PURPOSES.map((p) => (
            <option key={p} value={p}>
              {purposeLabel(p)}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="button library-filters__clear" onClick={onClear}>
        Show all
      </button>
    </form>
  )
}
