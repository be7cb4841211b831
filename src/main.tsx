// Entry point: start the offline machinery, then render the app shell.
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App.tsx'
import { startPwa } from './app/pwa/startPwa.ts'
import './app/styles.css'

const root = document.getElementById('root')
if (root === null) throw new Error('index.html has no #root element')

startPwa()
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
