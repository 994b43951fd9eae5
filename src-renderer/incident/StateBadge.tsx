import { STATE_LABELS, type IncidentState } from '../../src-shared/incident/vocabulary'

export function StateBadge({ state }: { state: IncidentState }) {
  return (
    <span className="badge state-badge" data-state={state}>
      {STATE_LABELS[state]}
    </span>
  )
}
