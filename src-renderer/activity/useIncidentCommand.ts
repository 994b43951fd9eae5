import { useState } from 'react'
import type { Command } from '../../src-shared/incident/commands'
import { useDesk } from '../desk/deskContext'
import { useStepRunner } from './savingSteps'

/** Runs a workflow step on this desk's store; the lifecycle's refusal comes back as `error`, word for word. */
export function useIncidentCommand(): {
  run: (command: Command) => Promise<boolean>
  busy: boolean
  error: string | null
} {
  const { store } = useDesk()
  // Inside an incident view, steps show at once while they are saved (savingSteps.ts).
  const runStep = useStepRunner() ?? store.execute
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  async function run(command: Command): Promise<boolean> {
    if (busy) return false
    setBusy(true)
    setError(null)
    try {
      const result = await runStep(command)
      if (!result.ok) setError(result.refusal.message)
      return result.ok
    } finally {
      setBusy(false)
    }
  }

  return { run, busy, error }
}
