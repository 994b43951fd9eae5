import { IncidentView } from '../incident-view/IncidentView'

/**
 * Where App.tsx mounts an open incident (ui openIncidentId). The full incident view lives in
 * src-renderer/incident-view; this name stays so the shell's wiring does not change.
 */
export function IncidentActivityPanel({ incidentId }: { incidentId: string }) {
  return <IncidentView incidentId={incidentId} />
}
