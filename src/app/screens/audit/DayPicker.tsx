// Choosing the day to audit: the previous and next day as big buttons, or any past day by date.
import { dayWords } from '../../../audit/index.ts'

type Props = {
  day: string
  today: string
  onPick: (day: string) => void
  onPrevious: () => void
  onNext: () => void
}

export function DayPicker({ day, today, onPick, onPrevious, onNext }: Props) {
  return (
    <div className="audit-day" role="group" aria-label="Day to audit">
      <button type="button" className="button" onClick={onPrevious}>
        <span aria-hidden="true">‹</span>Previous day
      </button>
      <label className="audit-day__date">
        <span>Day</span>
        <input
          type="date"
          value={day}
          max={today}
          onChange={(e) => {
            onPick(e.target.value)
          }}
        />
      </label>
      <button type="button" className="button" onClick={onNext} disabled={day >= today}>
        Next day<span aria-hidden="true">›</span>
      </button>
      <p className="audit-day__words" aria-live="polite">
        {dayWords(day)}
        {day === today ? ' (today)' : ''}
      </p>
    </div>
  )
}
