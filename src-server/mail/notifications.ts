import type { IncidentEvent } from '../../src-shared/events/events'
import type { MailTemplateId } from '../../src-shared/events/events'
import type { Incident } from '../../src-shared/incident/incident'
import { isMailAddress } from './settings'
import type { Placeholder } from './templates'

/**
 * Which events are told by e-mail, to whom, with what: the caller hears that their incident was
 * logged (with its number), each question while the desk awaits them, its resolution with the
 * notes, and its closure; a major incident's stakeholder update goes to its audience's list.
 * Never for a security incident (its caller hears from the security group, not from a robot),
 * nor for incidents a monitoring source raised or an import brought in.
 */
export interface Notification {
  template: MailTemplateId
  recipients: string[]
  values: Record<Placeholder, string>
}

export function notificationFor(event: IncidentEvent, incident: Incident, lists: ReadonlyMap<string, readonly string[]>): Notification | null {
  if (incident.isSecurity) return null
  const caller = incident.caller.contact?.trim()
  const toCaller = isMailAddress(caller) && incident.channel !== 'monitoring' && !incident.origin ? [caller.toLowerCase()] : []
  const values = (text: string, extra: Partial<Record<Placeholder, string>> = {}): Record<Placeholder, string> => ({
    number: incident.number,
    shortDescription: incident.shortDescription,
    callerName: incident.caller.name,
    text,
    state: incident.state.replace('_', ' '),
    writtenAt: `${event.occurredAt.slice(0, 16).replace('T', ' ')} UTC`,
    audience: '',
    ...extra,
  })
  const forCaller = (template: MailTemplateId, text: string): Notification | null => (toCaller.length ? { template, recipients: toCaller, values: values(text) } : null)
  switch (event.type) {
    case 'IncidentLogged':
      return forCaller('logged', '')
    case 'CallerCommentAdded':
      return event.payload.direction === 'to_caller' ? forCaller('question', event.payload.text) : null
    case 'IncidentPutOnHold':
      return event.payload.reason === 'awaiting_caller' && event.payload.callerComment ? forCaller('question', event.payload.callerComment) : null
    case 'IncidentResolved':
      return forCaller('resolved', event.payload.resolutionNotes)
    case 'IncidentClosed':
      return forCaller('closed', '')
    case 'MajorIncidentUpdatePosted': {
      const recipients = [...(lists.get(event.payload.audience.trim().toLowerCase()) ?? [])]
      return recipients.length ? { template: 'majorUpdate', recipients, values: values(event.payload.text, { audience: event.payload.audience }) } : null
    }
    default:
      return null
  }
}

/** The event types {@link notificationFor} may tell, for the fan-out's query. */
export const NOTIFIED_TYPES = ['IncidentLogged', 'CallerCommentAdded', 'IncidentPutOnHold', 'IncidentResolved', 'IncidentClosed', 'MajorIncidentUpdatePosted'] as const
