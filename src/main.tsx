// Entry point: start the offline machinery, open the database, then render the app shell.
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App.tsx'
import { DbProvider } from './app/data/DbContext.tsx'
import { openAppDb } from './app/data/openAppDb.ts'
import { startPwa } from './app/pwa/startPwa.ts'
import './app/styles.css'

const rootElement = document.getElementById('root')
if (rootElement === null) throw new Error('index.html has no #root element')
const root = createRoot(rootElement)

startPwa()
const opened = await openAppDb()
root.render(
  <StrictMode>
    {opened.ok ? (
      <DbProvider db={opened.db}>
        <App />
      </DbProvider>
    ) : (
      <main className="app-main">
        <h1>ConsentLens cannot start</h1>
        <p role="alert">{opened.message}</p>
      </main>
    )}
  </StrictMode>,
)
