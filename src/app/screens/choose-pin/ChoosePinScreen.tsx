// Shown instead of everything else to someone who signed in with a one-time PIN: they choose
// their own before they can do anything (the one-time PIN was printed by the admin command, so
// someone else has seen it).
import { PinInput } from '../../components/PinInput.tsx'
import { useChoosePin } from './useChoosePin.ts'
import './ChoosePinScreen.css'

export function ChoosePinScreen() {
  const s = useChoosePin()
  return (
    <div className="choose-pin">
      <h1 className="screen-title">Choose your own PIN</h1>
      <form
        className="card choose-pin__form"
        onSubmit={(event) => {
          event.preventDefault()
          void s.save()
        }}
      >
        <p>
          {s.name.split(' ')[0]}, you signed in with a one-time PIN. Choose your own PIN (
          {s.digitsRule}) before you go on, and keep it to yourself.
        </p>
        <PinInput
          label="New PIN"
          className="choose-pin__field"
          autoComplete="new-password"
          value={s.pin}
          onChange={s.setPin}
        />
        <PinInput
          label="New PIN again"
          className="choose-pin__field"
          autoComplete="new-password"
          value={s.again}
          onChange={s.setAgain}
        />
        {s.error !== null && <p role="alert">{s.error}</p>}
        <button type="submit" className="button button--primary" disabled={s.busy}>
          {s.busy ? 'Saving…' : 'Save my PIN'}
        </button>
      </form>
    </div>
  )
}
