// Sign-in on a shared tablet: tap your name, then your PIN on a big keypad (or the keyboard).
// Shown at start, after the idle lock and after "Switch user"; the work behind it is kept.
import type { SyntheticEvent } from 'react'
import { roleLabel } from '../../components/roleLabel.ts'
import type { LockReason } from '../../stores/sessionStore.ts'
import { PIN_MAX_LENGTH, useSignIn } from './useSignIn.ts'
import { DEMO_PINS } from './demoPins.ts'
import './SignInScreen.css'

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const

const LOCK_NOTES: Record<LockReason, string | null> = {
  start: null,
  idle: 'The tablet locked itself because nobody touched it for a while. Your work is kept.',
  'switch-user': 'Your work is kept until you come back.',
}

export function SignInScreen({ lockReason }: { lockReason: LockReason }) {
  const s = useSignIn(lockReason)

  function onSubmit(event: SyntheticEvent) {
    event.preventDefault()
    void s.submit()
  }

  return (
    <div className="sign-in">
      <section className="card sign-in__people" aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Who is using the tablet?</h1>
        {LOCK_NOTES[lockReason] !== null && (
          <p className="sign-in__note">{LOCK_NOTES[lockReason]}</p>
        )}
        {s.staff === undefined ? (
          <p>Loading staff…</p>
        ) : (
          <ul className="sign-in__names" aria-label="Staff">
            {s.staff.map((person) => (
              <li key={person.id}>
                <button
                  type="button"
                  className="sign-in__name"
                  aria-pressed={s.chosen?.id === person.id}
                  onClick={() => {
                    s.choose(person)
                  }}
                >
                  <span className="sign-in__name-main">{person.name}</span>
                  <span className="sign-in__role">{roleLabel(person.role)}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        {s.isDemo && (
          <p className="sign-in__demo">
            <strong>Demo setting, sample data only.</strong> Demo PINs: {DEMO_PINS}.
          </p>
        )}
      </section>

      <section className="card sign-in__pin" aria-labelledby="pin-title">
        {s.chosen === null ? (
          <>
            <h2 id="pin-title">Enter your PIN</h2>
            <p>Tap your name first.</p>
          </>
        ) : (
          <form onSubmit={onSubmit} noValidate>
            <h2 id="pin-title">{s.chosen.name}, enter your PIN</h2>
            <label className="sign-in__pin-label" htmlFor="pin">
              PIN (4 to 6 digits)
            </label>
            <input
              id="pin"
              className="sign-in__pin-input"
              type="password"
              inputMode="numeric"
              autoComplete="off"
              maxLength={PIN_MAX_LENGTH}
              value={s.pin}
              aria-invalid={s.error !== null}
              aria-describedby={s.error === null ? undefined : 'pin-error'}
              onChange={(event) => {
                s.setPin(event.target.value)
              }}
              autoFocus
            />
            <p id="pin-error" className="sign-in__error" role="alert">
              {s.error}
            </p>
            <div className="sign-in__keypad">
              {KEYS.map((key) => (
                <button
                  key={key}
                  type="button"
                  className="button sign-in__key"
                  onClick={() => {
                    s.typeDigit(key)
                  }}
                >
                  {key}
                </button>
              ))}
              <button
                type="button"
                className="button sign-in__key"
                aria-label="Delete last digit"
                onClick={s.deleteDigit}
              >
                ⌫
              </button>
              <button
                type="button"
                className="button sign-in__key"
                onClick={() => {
                  s.typeDigit('0')
                }}
              >
                0
              </button>
              <button
                type="submit"
                className="button button--primary sign-in__key"
                disabled={s.busy}
              >
                {s.busy ? 'Checking…' : 'Sign in'}
              </button>
            </div>
          </form>
        )}
      </section>
    </div>
  )
}
