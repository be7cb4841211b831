// A text or date input inside its label (the label's words name it for a screen reader), that
// reports the new value rather than the change event. For short forms without hints or errors;
// a field that needs them uses Field.
export function LabelledInput(props: {
  label: string
  type?: 'text' | 'date'
  value: string
  onChange: (value: string) => void
}) {
  return (
    <label className="field">
      {props.label}
      <input
        type={props.type ?? 'text'}
        value={props.value}
        onChange={(e) => {
          props.onChange(e.target.value)
        }}
      />
    </label>
  )
}
