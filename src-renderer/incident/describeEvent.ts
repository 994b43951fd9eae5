import type { IncidentEvent } from '../../src-shared/events/events'
import type { DETAIL_FIELDS } from '../../src-shared/incident/commands'
import type { HierarchicalTrigger } from '../../src-shared/incident/levels'
import { t } from '../i18n/activeLanguage'

/**
 * One line saying what an event did, in the words a desk agent uses ("Work note added",
 * "Priority set to P1 Critical"). Used where the event stands alone (the outbox problems panel);
 * the activity timeline shows the same events with their before → after values.
 */
export function describeEvent(event: IncidentEvent): string {
  switch (event.type) {
    case 'IncidentLogged':
      return `Logged “${event.payload.shortDescription}”`
    case 'IncidentCategorized':
      return `Categorized as ${[event.payload.category, event.payload.subcategory].filter(Boolean).join(' / ')}`
    case 'IncidentPrioritized':
      return `Priority set to ${t(`priority.${event.payload.priority}`)} (impact ${t(`impact.${event.payload.impact}`)}, urgency ${t(`urgency.${event.payload.urgency}`)})`
    case 'IncidentAssigned': {
      const to = event.payload.assignee?.displayName ?? event.payload.assignmentGroup
      return to ? `Assigned to ${to}` : 'Unassigned'
    }
    case 'IncidentAcknowledged':
      return `Taken by ${event.payload.assignee.displayName}`
    case 'WorkNoteAdded':
      return `Work note: “${excerpt(event.payload.text)}”`
    case 'CallerCommentAdded':
      return event.payload.direction === 'to_caller'
        ? `Comment to the caller: “${excerpt(event.payload.text)}”`
        : `Caller's reply recorded: “${excerpt(event.payload.text)}”`
    case 'IncidentPutOnHold':
      return `Put on hold (${t(`hold.${event.payload.reason}`)})`
    case 'IncidentResumed':
      return event.payload.cause === 'caller_replied' ? 'Resumed: the caller replied' : 'Resumed'
    case 'IncidentEscalated':
      return event.payload.kind === 'functional'
        ? `Escalated to L${event.payload.toLevel} (${event.payload.toGroup})`
        : `Manager ${event.payload.manager} notified (${triggerLabel(event.payload.trigger)})`
    case 'IncidentResolved':
      return `Resolved: ${t(`resolution.${event.payload.resolutionCode}`)}`
    case 'IncidentClosed':
      return event.payload.cause === 'auto_close' ? 'Closed automatically' : 'Closed on the caller’s confirmation'
    case 'IncidentReopened':
      return `Reopened: ${excerpt(event.payload.reason)}`
    case 'IncidentCanceled':
      return `Canceled (${event.payload.reason.replaceAll('_', ' ')})`
    case 'MajorIncidentDeclared':
      return `Declared a major incident, managed by ${event.payload.incidentManager.displayName}`
    case 'IncidentLinked':
      return `Linked (${event.payload.kind.replaceAll('_', ' ')})`
    case 'IncidentNumbered':
      return `Numbered ${event.payload.number} by the server`
    case 'IncidentDetailsEdited':
      return `Edited ${Object.keys(event.payload.changes).map((field) => DETAIL_FIELD_LABELS[field as DetailField]).join(', ')}`
    case 'AttachmentAdded':
      return `Attached ${event.payload.name}`
    case 'MajorIncidentUpdatePosted':
      return `Stakeholder update to ${event.payload.audience}: “${excerpt(event.payload.text)}”`
    case 'MajorIncidentDetailsUpdated':
      return 'Major incident details updated'
    case 'PostIncidentReviewRecorded':
      return 'Post-incident review recorded'
    case 'DisclosureRegimesSet':
      return event.payload.regimes.length
        ? `Disclosure regimes: ${event.payload.regimes.map((regime) => t(`regime.${regime}`)).join(', ')}`
        : 'No disclosure regimes apply'
    case 'DisclosureTriggerRecorded':
      return `Disclosure trigger recorded: ${event.payload.trigger.replaceAll('_', ' ')}`
    case 'DisclosureSubmitted':
      return `Disclosure submitted (${event.payload.deadlineId.replaceAll('_', ' ')})`
  }
}

type DetailField = (typeof DETAIL_FIELDS)[number]

export const DETAIL_FIELD_LABELS: Record<DetailField, string> = {
  shortDescription: 'short description',
  description: 'description',
  caller: 'caller',
  channel: 'channel',
  location: 'location',
  service: 'service',
  configurationItem: 'configuration item',
}

const TRIGGER_LABELS: Record<HierarchicalTrigger, string> = {
  sla_at_risk: 'SLA at risk',
  vip_caller: 'VIP caller',
  customer_complaint: 'customer complaint',
  other: 'other',
}

function triggerLabel(trigger: HierarchicalTrigger): string {
  return TRIGGER_LABELS[trigger]
}

/** The start of a long text, on one line: enough to recognise a note without the whole of it. */
export function excerpt(text: string, length = 80): string {
  const line = text.replace(/\s+/g, ' ').trim()
  return line.length <= length ? line : `${line.slice(0, length - 1).trimEnd()}…`
}
