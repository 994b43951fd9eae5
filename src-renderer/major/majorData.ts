import { useState } from 'react'
import type { Command } from '../../src-shared/incident/commands'
import type { Incident } from '../../src-shared/incident/incident'
import type { Actor } from '../../src-shared/incident/roles'
import { useDeskQuery } from '../data-worker/useDeskQuery'
import { useDesk } from '../desk/deskContext'
import type { CommandResult } from '../store/incidentStore'
import { refusalText } from '../i18n/activeLanguage'

/**
 * The major-incident view's reads and writes. Reads are answered by the data worker and asked
 * again when a write touches the incidents they show (a change from another desk shows at once);
 * writes go through the store's `execute`, one command per transaction.
 */

/** Major incidents still being run that the person may see, by next update due; asked again after any incident write (a new major can come from any). */
export function useRunningMajorIncidents(): Incident[] | undefined {
  const { data, session } = useDesk()
  const actor = session.actor
  return useDeskQuery(() => data.runningMajorIncidents(actor), [data, actor], ['incidents'])
}

/** One incident, live; undefined while loading, null when this desk does not hold it (or may not show it). */
export function useIncident(incidentId: string | null): Incident | null | undefined {
  const { data, session } = useDesk()
  const actor = session.actor
  return useDeskQuery(
    async () => (incidentId ? ((await data.visibleIncidents([incidentId], actor))[0] ?? null) : null),
    [data, incidentId, actor],
    (change) => change.everything || (incidentId !== null && change.incidentIds.includes(incidentId)),
  )
}

/** A major incident's children as this desk holds them, in link order; ids it does not hold are listed apart. */
export function useChildIncidents(parent: Incident): { children: Incident[]; missing: string[] } | undefined {
  const { data, session } = useDesk()
  const actor = session.actor
  const childIds = parent.links.filter((link) => link.kind === 'child').map((link) => link.incidentId)
  const key = childIds.join(',')
  return useDeskQuery(
    async () => {
      const found = await data.visibleIncidents(childIds, actor)
      const children: Incident[] = []
      const missing: string[] = []
      found.forEach((incident, index) => {
        if (incident) children.push(incident)
        else missing.push(childIds[index]!)
      })
      return { children, missing }
    },
    [data, key, actor],
    (change) => change.everything || change.incidentIds.some((id) => childIds.includes(id)),
  )
}

/** Everyone who acted on the incident, in its history's order (the incident manager's candidates); asked again when it changes. */
export function useIncidentActors(incidentId: string): Actor[] | undefined {
  const { data } = useDesk()
  return useDeskQuery(() => data.incidentActors(incidentId), [data, incidentId], (change) => change.everything || change.incidentIds.includes(incidentId))
}

/** Open incidents `parent` could take as children that the person may see; asked again after any incident write. */
export function useLinkableOpenIncidents(parent: Incident): Incident[] | undefined {
  const { data, session } = useDesk()
  const actor = session.actor
  return useDeskQuery(() => data.linkableOpenIncidents(parent.id, actor), [data, parent.id, actor], ['incidents'])
}

/** Like useIncidentCommand, but hands back the store's whole result (a cascade resolve changes several incidents). */
export function useStoreCommand(): {
  run: (command: Command) => Promise<CommandResult>
  busy: boolean
  error: string | null
  clearError: () => void
} {
  const { store } = useDesk()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  async function run(command: Command): Promise<CommandResult> {
    setBusy(true)
    setError(null)
    try {
      const result = await store.execute(command)
      if (!result.ok) setError(refusalText(result.refusal))
      return result
    } finally {
      setBusy(false)
    }
  }

  return { run, busy, error, clearError: () => setError(null) }
}
