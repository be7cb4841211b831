// Placeholder until this screen is built; it keeps the navigation complete meanwhile.
export function ChildScreen(props: { childId: string }) {
  return (
    <h1 className="screen-title" data-id={props.childId}>
      ChildScreen
    </h1>
  )
}
