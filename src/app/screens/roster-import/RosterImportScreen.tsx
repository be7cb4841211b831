// Placeholder until this screen is built; it keeps the navigation complete meanwhile.
export function RosterImportScreen() {
  return <h1 className="screen-title">Import roster</h1>
}
