import { SERVER_EVENT_TYPES, type EventOf, type IncidentEvent } from '../events/events'
import { unfoldEvent } from '../events/importedEvents'
import type { Action, IncidentAction } from './commands'
import type { Incident } from './incident'
import { checkEventRules } from './eventRules'
import { checkAuthority } from './lifecycle'
import { applyEvent } from './reducer'
import { refusal, type Refusal } from './refusal'
import type { Actor } from './roles'
import { canSee, canWorkOn } from './visibility'

/**
 * The server's re-check of every pushed event (DESIGN §1 Roles: "the server enforces it again
 * for everything it receives"). It asks whether the author had the right to take the step that
 * produced the event, judged against the incident as the server knows it. It does not ask
 * whether the step is still valid for the incident's state: that is the reducer's job, which
 * keeps such an event and marks the incident needs-attention instead of losing it.
 */

/** The workflow step that produces each event type; null for events only the server writes. */
export function actionOfEvent(event: IncidentEvent): Action | null {
  switch (event.type) {
    case 'IncidentLogged':
    case 'IncidentImported':
      return 'log'
    case 'IncidentCategorized':
      return 'categorize'
    case 'IncidentPrioritized':
      return 'prioritize'
    case 'IncidentAssigned':
      return 'assign'
    case 'IncidentAcknowledged':
      return 'acknowledge'
    case 'WorkNoteAdded':
      return 'addWorkNote'
    case 'CallerCommentAdded':
      return 'addCallerComment'
    case 'IncidentPutOnHold':
      return 'hold'
    case 'IncidentResumed':
      // A caller's reply resumes the incident as part of recording the comment.
      return event.payload.cause === 'caller_replied' ? 'addCallerComment' : 'resume'
    case 'IncidentEscalated':
      return 'escalate'
    case 'IncidentResolved':
      return 'resolve'
    case 'IncidentClosed':
      return 'close'
    case 'IncidentReopened':
      return 'reopen'
    case 'IncidentCanceled':
      return 'cancel'
    case 'MajorIncidentDeclared':
      return 'declareMajor'
    case 'IncidentLinked':
      return 'link'
    case 'IncidentDetailsEdited':
      return 'editDetails'
    case 'AttachmentAdded':
      return 'attach'
    case 'MajorIncidentUpdatePosted':
      return 'postMajorUpdate'
    case 'MajorIncidentDetailsUpdated':
      return 'updateMajor'
    case 'PostIncidentReviewRecorded':
      return 'recordReview'
    case 'DisclosureRegimesSet':
    case 'DisclosureTriggerRecorded':
    case 'DisclosureSubmitted':
      return 'trackDisclosure'
    case 'IncidentNumbered':
    case 'AlertReceived':
    case 'AlertStormDetected':
    case 'MailReceived':
    case 'MailSent':
    case 'MailFailed':
      return null
  }
}

export interface AuthorizationContext {
  /** The authenticated account pushing the event. */
  actor: Actor
  /** The incident the event belongs to, as the server knows it before this event. */
  incident: Incident | undefined
  /** Other incidents: a link's other end, a cascaded resolution's parent. */
  related: (incidentId: string) => Incident | undefined
  /**
   * The server's own code wrote these events (the alert intake), never a request's body: the
   * event types only the server writes are its to append. A desk's push never sets this.
   */
  writtenByServer?: boolean
}

export type AuthorizationRefusal = Refusal | (Omit<Refusal, 'code'> & { code: 'actor_mismatch' | 'server_only' })

/**
 * One answer for an incident that is not on the server and one the actor may not see, so a
 * refusal never confirms that a security incident with a given id exists.
 */
export const NOT_ON_SERVER: Refusal = refusal('not_found', 'notOnServer')
const OTHER_NOT_ON_SERVER: Refusal = refusal('not_found', 'otherNotOnServer')
/** The same words whoever holds the id: the incident's number would tell a stranger what it is. */
const ID_TAKEN: Refusal = refusal('already_exists', 'idTaken')

export function authorizeEvent(event: IncidentEvent, context: AuthorizationContext): AuthorizationRefusal | undefined {
  const { actor, incident } = context
  if (event.actor.userId !== actor.userId || event.actor.role !== actor.role) {
    return refusal('actor_mismatch', 'actorMismatch')
  }
  const action = actionOfEvent(event)
  if (action === null || SERVER_EVENT_TYPES.includes(event.type)) {
    if (context.writtenByServer && incident) return undefined
    return refusal('server_only', 'serverOnly', { eventType: event.type })
  }
  if (event.type === 'IncidentImported') return authorizeImported(event, context)
  const ruleBroken = checkEventRules(event)
  if (ruleBroken) return ruleBroken
  if (action === 'log') return incident ? ID_TAKEN : undefined
  if (!incident) return NOT_ON_SERVER
  // The logger of an incident the server has not numbered yet (earlier in this very push) may finish its batch.
  if (!canWorkOn(actor, incident)) return NOT_ON_SERVER
  const authority = (on: Incident, step: IncidentAction) => checkAuthority(on, step, actor, { visibilityChecked: true })

  if (event.type === 'IncidentResolved' && event.payload.cascadedFrom) {
    // A child resolved by its major incident: the right to take is the parent's resolution.
    const parent = context.related(event.payload.cascadedFrom)
    if (!parent || !canSee(actor, parent)) return OTHER_NOT_ON_SERVER
    return authority(parent, 'resolve')
  }
  if (event.type === 'IncidentLinked') {
    // Links are written on both ends; the author needs the right on one end and sight of both.
    const other = context.related(event.payload.targetIncidentId)
    if (!other || !canSee(actor, other)) return OTHER_NOT_ON_SERVER
    const here = authority(incident, 'link')
    return here && authority(other, 'link') ? here : undefined
  }
  return authority(incident, action)
}

/**
 * An imported incident is judged as the events it unfolds to, one after the other, each against
 * the incident as the ones before it left it: the importer needs the right to log it and to take
 * every step of its past, as if they had taken each at the desk.
 */
function authorizeImported(event: EventOf<'IncidentImported'>, context: AuthorizationContext): AuthorizationRefusal | undefined {
  if (context.incident) return ID_TAKEN
  let incident: Incident | undefined
  for (const part of unfoldEvent<IncidentEvent>(event)) {
    const refused = authorizeEvent(part, { ...context, incident })
    if (refused) return refused
    incident = applyEvent(incident, part)
  }
  return undefined
}
