// Where the photo is taken. Toilets and changing areas are listed but cannot be chosen, and
// say why: staff should see that the rule exists, not wonder where the option went.
import type { Location } from '../../../model/records.ts'
import { isProhibited } from './useLocationChoice.ts'

type Props = {
  locations: Location[]
  chosenId: string | null
  onChoose: (id: string) => void
}

export function LocationPicker({ locations, chosenId, onChoose }: Props) {
  // Places that can be chosen first; the never-photographed ones last, still in view.
  const ordered = [...locations].sort((a, b) => Number(isProhibited(a)) - Number(isProhibited(b)))
  return (
    <fieldset className="location-picker">
      <legend className="capture__legend">Where are you?</legend>
      <div className="location-picker__options">
        {ordered.map((location) => {
          const prohibited = isProhibited(location)
          const id = `location-${location.id}`
          return (
            <label
              key={location.id}
              className={`capture-choice${prohibited ? ' capture-choice--prohibited' : ''}`}
              htmlFor={id}
            >
              <input
                id={id}
                type="radio"
                name="capture-location"
                value={location.id}
                checked={location.id === chosenId}
                disabled={prohibited}
                aria-describedby={prohibited ? `${id}-why` : undefined}
                onChange={() => {
                  onChoose(location.id)
                }}
              />
              <span className="capture-choice__label">{location.name}</span>
              {prohibited && (
                <span id={`${id}-why`} className="capture-choice__why">
                  Never: no photos in toilets or changing areas
                </span>
              )}
            </label>
          )
        })}
      </div>
      {chosenId === null && <p className="capture__hint">Choose where you are to take a photo.</p>}
    </fieldset>
  )
}
