// Placeholder until this screen is built; it keeps the navigation complete meanwhile.
export function StaffScreen() {
  return <h1 className="screen-title">Staff</h1>
}
