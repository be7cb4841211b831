// A PIN typed inside its label (the label's words name it for a screen reader): hidden as it is
// typed, the number pad on a tablet, at most six digits, reporting the new value rather than the
// change event. `autoComplete` says whether the browser may offer to remember it ("new-password"
// where a person chooses one, "off" where they prove who they are).
export function PinInput(props: {
  label: string
  className: string
  value: string
  onChange: (value: string) => void
  autoComplete?: 'off' | 'new-password'
}) {
  return (
    <label className={props.className}>
      {props.label}
      <input
        type="password"
        inputMode="numeric"
        autoComplete={props.autoComplete ?? 'off'}
        maxLength={6}
        value={props.value}
        onChange={(event) => {
          props.onChange(event.target.value)
        }}
      />
    </label>
  )
}
