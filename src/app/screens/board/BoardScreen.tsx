// Placeholder until this screen is built; it keeps the navigation complete meanwhile.
export function BoardScreen(props: { roomId: string | null }) {
  return (
    <h1 className="screen-title" data-id={String(props.roomId)}>
      BoardScreen
    </h1>
  )
}
