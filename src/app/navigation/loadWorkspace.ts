// The signed-in screens (home, board, camera, child, consent form): sign-in needs none of them,
// so they are not parsed before it. Sign-in asks for them once it lists its people (not before:
// the list would wait behind them), and they are ready long before a PIN is typed. App renders
// them through React.lazy on the same import. The service worker precaches them.
export function loadWorkspace() {
  return import('./WorkspaceScreen.tsx')
}
