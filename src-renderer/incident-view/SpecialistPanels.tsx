import { memo } from 'react'
import type { Incident } from '../../src-shared/incident/incident'
import { MajorIncidentPanel } from '../major/MajorIncidentPanel'
import { DisclosurePanel } from '../security/DisclosurePanel'

/**
 * The major-incident panel (communication log, next-update clock, review) and the security
 * disclosure panel, for incidents that are major or security ones; both are built in their own
 * folders (src-renderer/major, src-renderer/security) and only mounted here.
 */
function SpecialistPanelsView({ incident }: { incident: Incident }) {
  return (
    <>
      {incident.isMajor ? <MajorIncidentPanel incident={incident} /> : null}
      {incident.isSecurity ? <DisclosurePanel incident={incident} /> : null}
    </>
  )
}

/** Drawn again only when its props change: the incident view re-renders with every step taken in it. */
export const SpecialistPanels = memo(SpecialistPanelsView)
