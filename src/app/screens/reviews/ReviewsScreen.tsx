// Placeholder until this screen is built; it keeps the navigation complete meanwhile.
export function ReviewsScreen() {
  return <h1 className="screen-title">Consent reviews due</h1>
}
