import { StrictMode, Suspense } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { openDesk } from './desk/openDesk'
import { choosePlatform } from './platform/choosePlatform'
import { StartingScreen } from './shell/StartingScreen'
import { StartupErrorBoundary } from './shell/StartupErrorBoundary'
import './styles/theme.css'

const container = document.getElementById('root')
if (!container) throw new Error('index.html has no #root element.')

const platform = choosePlatform(window)
// Started before the first render so opening IndexedDB overlaps React's start-up.
const desk = openDesk()

createRoot(container).render(
  <StrictMode>
    <StartupErrorBoundary>
      <Suspense fallback={<StartingScreen />}>
        <App platform={platform} desk={desk} />
      </Suspense>
    </StartupErrorBoundary>
  </StrictMode>,
)
