import { useState } from 'react'
import type { Command } from '../../src-shared/incident/commands'
import { useDesk } from '../desk/deskContext'
import { useStepRunner } from './savingSteps'
import { refusalText } from '../i18n/activeLanguage'

/**
 * Runs a workflow step on this desk's store; the lifecycle's refusal comes back as `error`, word
 * for word. `busy` while any step is in flight; steps are not refused for that (a note written
 * while the previous one is saved is taken too: the store commits them in order), so a form that
 * must not send twice disables itself on `busy`.
 */
export function useIncidentCommand(): {
  run: (command: Command) => Promise<boolean>
  busy: boolean
  error: string | null
} {
  const { store } = useDesk()
  // Inside an incident view, steps show at once while they are saved (savingSteps.ts).
  const runStep = useStepRunner() ?? store.execute
  const [inFlight, setInFlight] = useState(0)
  const [error, setError] = useState<string | null>(null)

  async function run(command: Command): Promise<boolean> {
    setInFlight((count) => count + 1)
    setError(null)
    try {
      const result = await runStep(command)
      if (!result.ok) setError(refusalText(result.refusal))
      return result.ok
    } finally {
      setInFlight((count) => count - 1)
    }
  }

  return { run, busy: inFlight > 0, error }
}
