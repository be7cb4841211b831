// Settings (manager): the idle lock. Others see why they cannot change it.
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
    </div>
  )
}
