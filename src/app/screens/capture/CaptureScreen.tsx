// Placeholder until this screen is built; it keeps the navigation complete meanwhile.
export function CaptureScreen() {
  return <h1 className="screen-title">Take a photo</h1>
}
