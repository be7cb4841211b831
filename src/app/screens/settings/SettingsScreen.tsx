// Settings (manager): the idle lock. Others see why they cannot change it. Everyone sees the
// PIN rules, so the manager's 6 digits are no surprise (docs/decisions/0016).
import type { SyntheticEvent } from 'react'
import { deniedMessage } from '../../../policy/index.ts'
import { useSettingsScreen } from './useSettingsScreen.ts'
import './SettingsScreen.css'

export function SettingsScreen() {
  const s = useSettingsScreen()

  function onSubmit(event: SyntheticEvent) {
    event.preventDefault()
    void s.save()
  }

  return (
    <div className="settings">
      <h1 className="screen-title">Settings</h1>
      <p className="settings__setting">
        {s.settingName}
        {s.isDemo && ' (demo: sample data only)'}
      </p>
      {!s.allowed ? (
        <p>{deniedMessage('edit-settings')}</p>
      ) : (
        <form className="card settings__form" onSubmit={onSubmit}>
          <h2>Lock when idle</h2>
          <p>
            The tablet asks for a PIN again after this many minutes without a touch. Work in
            progress is kept.
          </p>
          <label htmlFor="idle-minutes">
            Minutes ({s.range.min} to {s.range.max})
          </label>
          <div className="settings__row">
            <input
              id="idle-minutes"
              inputMode="numeric"
              value={s.minutes}
              onChange={(e) => {
                s.setMinutes(e.target.value)
              }}
            />
            <button type="submit" className="button button--primary">
              Save
            </button>
          </div>
          <p
            role="status"
            className={s.message?.ok === false ? 'settings__error' : 'settings__saved'}
          >
            {s.message?.text}
          </p>
        </form>
      )}
      <section className="card settings__form settings__pins" aria-labelledby="pin-rules">
        <h2 id="pin-rules">PINs</h2>
        <p>
          Staff PINs are 4 to 6 digits. A manager’s new PIN must be {s.managerPinDigits} digits: it
          guards staff, tablets and the export.
        </p>
        <p>
          If a tablet is lost or stolen, have it switched off on the server straight away, then set
          a new PIN for everyone, starting with your own.
        </p>
      </section>
    </div>
  )
}
