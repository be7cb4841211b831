// Placeholder until this screen is built; it keeps the navigation complete meanwhile.
export function PhotosScreen() {
  return <h1 className="screen-title">Photos on this tablet</h1>
}
