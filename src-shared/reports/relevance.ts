import type { Incident } from '../incident/incident'
import { isOpenState } from '../incident/vocabulary'
import { parseInstant } from '../sla/calendar'
import type { ReportRange } from './range'

/**
 * Whether an incident's events can change a report over `range`, judged from its projection so a
 * desk with 100k incidents reads only the histories that matter. An incident whose last event
 * came before the range starts and that is no longer open was logged, answered, resolved or
 * canceled before the range, its SLA clocks had stopped, and it is not in the backlog at the
 * end: it adds nothing. Open incidents always matter (backlog; a running clock can breach with
 * no event at all). Passing every incident gives the same report, only slower.
 */
export function mayAffectReport(incident: Pick<Incident, 'state' | 'updatedAt'>, range: ReportRange): boolean {
  if (isOpenState(incident.state)) return true
  return parseInstant(incident.updatedAt) >= parseInstant(range.from)
}
