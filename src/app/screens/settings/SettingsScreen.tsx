// Placeholder until this screen is built; it keeps the navigation complete meanwhile.
export function SettingsScreen() {
  return <h1 className="screen-title">Settings</h1>
}
