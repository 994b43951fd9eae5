import type { ImportedPast } from '../../src-shared/csv/importHistory'
import type { ImportRow } from '../../src-shared/csv/importRows'
import type { ImportOrigin } from '../../src-shared/incident/incident'
import type { LogIncidentInput } from '../../src-renderer/store/incidentStore'
import { outlookIncident } from './storeHarness'

/** What a row says of an incident the source still has as New. */
export const NEW_PAST: ImportedPast = {
  state: 'new',
  stateText: 'New',
  assignee: null,
  updatedAt: null,
  resolvedAt: null,
  closedAt: null,
  resolutionCode: 'solution_provided',
  resolutionNotes: 'Resolved in ServiceNow.',
}

/** An incident a ServiceNow file brought in as New, unless told otherwise: the store's import input, row `index`. */
export function imported(index: number, overrides: Partial<LogIncidentInput> = {}, past: Partial<ImportedPast> = {}, origin: Partial<ImportOrigin> = {}): ImportRow {
  return {
    line: index + 1,
    incident: outlookIncident({
      shortDescription: `Imported incident ${index}`,
      origin: { system: 'ServiceNow', number: `INC00100${index}`, openedAt: '2024-03-05T13:30:00.000Z', closedAt: null, state: 'New', ...origin },
      ...overrides,
    }),
    past: { ...NEW_PAST, ...past },
  }
}
