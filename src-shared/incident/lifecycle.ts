import type { DomainConfig } from '../config/domainConfig'
import type { EventDraft, EventPayloads, EventType } from '../events/events'
import { LIMITS } from '../events/limits'
import { validatePayload } from '../events/schemas'
import { DETAIL_FIELDS, INCIDENT_ACTIONS, type Command, type CommandOf, type DetailChanges, type IncidentAction } from './commands'
import type { Incident } from './incident'
import { functionalEscalationRefusal } from './eventRules'
import { refusal, type Refusal, type RefusalCode } from './refusal'
import type { RefusalReason } from '../i18n/messages/refusals'
import type { RefusalParams } from '../i18n/refusalWords'
import { priorityFor } from './priority'
import { ROLES, type Actor, type PersonRef, type Role } from './roles'
import { canSee, canWorkOn, isOwnedBy } from './visibility'
import { INVERSE_LINK, isTerminal, type IncidentState } from './vocabulary'
import { isKnownResolutionCode } from '../config/resolutionCodes'

/**
 * The incident lifecycle as a pure function (DESIGN §1): (incident, command, actor, now) →
 * events, or a refusal that says why. Nothing here performs I/O; the store stamps and writes
 * the events, the server re-runs the same checks on everything it receives.
 */

export { REFUSAL_CODES, refusal, type Refusal, type RefusalCode } from './refusal'

export type Decision = { ok: true; events: EventDraft[] } | { ok: false; refusal: Refusal }

export interface DecisionContext {
  actor: Actor
  /** ISO instant the command is taken at. */
  now: string
  config: DomainConfig
  /** Other incidents a command touches (link target, a major incident's children); see {@link relatedIncidentIds}. */
  related?: (incidentId: string) => Incident | undefined
}

interface TransitionRule {
  /** States the action may be taken from. */
  from: readonly IncidentState[]
  /** Roles allowed to take it. */
  roles: readonly Role[]
  /** Roles that may take it only on their own incidents (see isOwnedBy). */
  ownIncidentsOnly: readonly Role[]
}

const OPEN: readonly IncidentState[] = ['new', 'in_progress', 'on_hold']
const WORKABLE: readonly IncidentState[] = ['new', 'in_progress', 'on_hold', 'resolved']
const EVERY_STATE: readonly IncidentState[] = ['new', 'in_progress', 'on_hold', 'resolved', 'closed', 'canceled']
const EVERYONE: readonly Role[] = ROLES
/** Triage decisions (priority, assignment, cancel, major) belong to the desk, not to the field. */
const DESK: readonly Role[] = ['l1_agent', 'l2_specialist', 'incident_manager', 'security_analyst', 'admin']
const FIELD: readonly Role[] = ['field_technician']
/** Resolving a major incident resolves its children; that call is the incident manager's. */
const MAJOR_INCIDENT_OWNERS: readonly Role[] = ['incident_manager', 'admin']
/** Disclosure decisions are the security group's (and an admin's); incident managers run the major ones. */
const DISCLOSURE_ROLES: readonly Role[] = ['security_analyst', 'incident_manager', 'admin']

/** The transition table: tests walk every cell, the UI asks it what to offer. */
export const LIFECYCLE = {
  categorize: { from: OPEN, roles: EVERYONE, ownIncidentsOnly: FIELD },
  prioritize: { from: OPEN, roles: DESK, ownIncidentsOnly: [] },
  assign: { from: OPEN, roles: DESK, ownIncidentsOnly: [] },
  // Taking an incident: a New one, or one escalated to a new group that nobody holds yet.
  acknowledge: { from: ['new', 'in_progress'], roles: EVERYONE, ownIncidentsOnly: [] },
  addWorkNote: { from: WORKABLE, roles: EVERYONE, ownIncidentsOnly: FIELD },
  addCallerComment: { from: WORKABLE, roles: EVERYONE, ownIncidentsOnly: FIELD },
  hold: { from: ['in_progress'], roles: EVERYONE, ownIncidentsOnly: FIELD },
  resume: { from: ['on_hold'], roles: EVERYONE, ownIncidentsOnly: FIELD },
  escalate: { from: OPEN, roles: EVERYONE, ownIncidentsOnly: FIELD },
  resolve: { from: OPEN, roles: EVERYONE, ownIncidentsOnly: FIELD },
  close: { from: ['resolved'], roles: EVERYONE, ownIncidentsOnly: FIELD },
  reopen: { from: ['resolved'], roles: EVERYONE, ownIncidentsOnly: FIELD },
  cancel: { from: OPEN, roles: DESK, ownIncidentsOnly: [] },
  declareMajor: { from: OPEN, roles: DESK, ownIncidentsOnly: [] },
  // Links never change the lifecycle, so even a closed incident can be linked to its recurrence.
  link: { from: EVERY_STATE, roles: EVERYONE, ownIncidentsOnly: FIELD },
  editDetails: { from: WORKABLE, roles: EVERYONE, ownIncidentsOnly: FIELD },
  attach: { from: WORKABLE, roles: EVERYONE, ownIncidentsOnly: FIELD },
  // Stakeholder updates go on after resolution too: the all-clear is an update.
  postMajorUpdate: { from: WORKABLE, roles: DESK, ownIncidentsOnly: [] },
  updateMajor: { from: WORKABLE, roles: MAJOR_INCIDENT_OWNERS, ownIncidentsOnly: [] },
  // The review happens after the service is restored, and may be written after closure.
  recordReview: { from: ['resolved', 'closed'], roles: MAJOR_INCIDENT_OWNERS, ownIncidentsOnly: [] },
  // Regulators' clocks run on past the desk's closure; filings are recorded whenever they happen.
  trackDisclosure: { from: EVERY_STATE, roles: DISCLOSURE_ROLES, ownIncidentsOnly: [] },
} as const satisfies Record<IncidentAction, TransitionRule>

function refuse(code: RefusalCode, reason: RefusalReason, params?: RefusalParams): { ok: false; refusal: Refusal } {
  return { ok: false, refusal: refusal(code, reason, params) }
}

function person(actor: Actor): PersonRef {
  return { userId: actor.userId, displayName: actor.displayName }
}

/**
 * Whether `actor` may take `action` on `incident` as it stands, before looking at the fields the
 * command carries. Checks run in a fixed order (visibility, state, role, ownership, action
 * rules) so the reason given is stable.
 */
export function checkPermission(incident: Incident, action: IncidentAction, actor: Actor): Refusal | undefined {
  const rule: TransitionRule = LIFECYCLE[action]
  if (!canWorkOn(actor, incident)) return NOT_VISIBLE
  if (!rule.from.includes(incident.state)) {
    if (isTerminal(incident.state)) {
      return refusal('terminal', incident.state === 'closed' ? 'closedForever' : 'canceledForever', { number: incident.number })
    }
    return refusal('wrong_state', 'wrongState', { action, state: incident.state, states: rule.from })
  }
  return checkRoleAndOwnership(incident, action, actor) ?? checkActionRule(incident, action, actor)
}

const NOT_VISIBLE: Refusal = refusal('not_visible', 'notVisible')

/**
 * Who may take `action` at all, whatever state the incident is in: visibility, the role table
 * and field technicians' ownership. The sync server judges pushed events by this alone: a step
 * that a concurrent change made invalid for the *state* is kept and marked needs-attention
 * (DESIGN §2), but one the actor never had the right to take is refused.
 */
export function checkAuthority(incident: Incident, action: IncidentAction, actor: Actor, options: { visibilityChecked?: boolean } = {}): Refusal | undefined {
  // The server judges sight itself (authorization.ts), to answer for a hidden incident as for a missing one.
  if (!options.visibilityChecked && !canWorkOn(actor, incident)) return NOT_VISIBLE
  return checkRoleAndOwnership(incident, action, actor) ?? checkRoleBoundRule(incident, action, actor)
}

/** Rules that hinge on who the actor is: only an incident manager declares a non-P1 major or resolves a major. */
function checkRoleBoundRule(incident: Incident, action: IncidentAction, actor: Actor): Refusal | undefined {
  if (MAJOR_INCIDENT_OWNERS.includes(actor.role)) return undefined
  if (action === 'declareMajor' && incident.priority !== 1) {
    return refusal('not_p1', 'notP1')
  }
  if (action === 'resolve' && incident.isMajor) {
    return refusal('role_not_allowed', 'onlyManagerResolvesMajor')
  }
  return undefined
}

function checkRoleAndOwnership(incident: Incident, action: IncidentAction, actor: Actor): Refusal | undefined {
  const rule: TransitionRule = LIFECYCLE[action]
  if (!rule.roles.includes(actor.role)) {
    return refusal('role_not_allowed', 'roleCannot', { role: actor.role, action })
  }
  if (rule.ownIncidentsOnly.includes(actor.role) && !isOwnedBy(incident, actor)) {
    return refusal('not_owner', 'ownOnly', { role: actor.role, action })
  }
  return undefined
}

function checkActionRule(incident: Incident, action: IncidentAction, actor: Actor): Refusal | undefined {
  switch (action) {
    case 'acknowledge':
      if (incident.assignee && incident.assignee.userId !== actor.userId) {
        return refusal('not_owner', 'assignedToOther', { name: incident.assignee.displayName })
      }
      if (incident.state === 'in_progress' && incident.assignee) {
        return refusal('no_change', 'alreadyYours', { number: incident.number })
      }
      return undefined
    case 'declareMajor':
      if (incident.isMajor) return refusal('already_major', 'alreadyMajor', { number: incident.number })
      return checkRoleBoundRule(incident, action, actor)
    case 'resolve':
      return checkRoleBoundRule(incident, action, actor)
    case 'postMajorUpdate':
    case 'updateMajor':
    case 'recordReview':
      if (!incident.isMajor) return refusal('not_major', 'notMajor', { number: incident.number })
      return undefined
    case 'trackDisclosure':
      if (!incident.isSecurity) return refusal('not_security', 'notSecurity')
      return undefined
    case 'attach':
      if (incident.attachments.length >= LIMITS.attachmentsPerIncident) {
        return refusal('limit_reached', 'attachmentLimit', { limit: LIMITS.attachmentsPerIncident })
      }
      return undefined
    default:
      return undefined
  }
}

export interface ActionAvailability {
  action: IncidentAction
  allowed: boolean
  refusal?: Refusal
}

/** What the UI offers right now: every action, allowed or with the reason it is not. */
export function availableActions(incident: Incident, actor: Actor): ActionAvailability[] {
  return INCIDENT_ACTIONS.map((action) => {
    const refusal = checkPermission(incident, action, actor)
    return refusal ? { action, allowed: false, refusal } : { action, allowed: true }
  })
}

export type AutoCloseEligibility = { eligible: true } | { eligible: false; refusal: Refusal }

/** A resolved incident closes by itself after N quiet days; a major incident never does (its review must happen). */
export function autoCloseEligibility(incident: Incident, now: string, config: DomainConfig): AutoCloseEligibility {
  if (incident.state !== 'resolved' || !incident.resolvedAt) return { eligible: false, refusal: refusal('not_eligible', 'autoCloseOnlyResolved') }
  if (incident.isMajor) return { eligible: false, refusal: refusal('not_eligible', 'autoCloseNeverMajor') }
  const dueAt = Date.parse(incident.resolvedAt) + config.autoCloseDays * 24 * 60 * 60 * 1000
  if (Date.parse(now) < dueAt) {
    return { eligible: false, refusal: refusal('not_eligible', 'autoCloseNotYet', { days: config.autoCloseDays, dueAt: new Date(dueAt).toISOString() }) }
  }
  return { eligible: true }
}

/** The other incidents the store must load before deciding `command`. */
export function relatedIncidentIds(command: Command, incident: Incident | undefined): string[] {
  if (command.action === 'link') return [command.targetIncidentId]
  if (command.action === 'resolve' && incident?.isMajor) {
    return incident.links.filter((link) => link.kind === 'child').map((link) => link.incidentId)
  }
  return []
}

function draft<T extends EventType>(incidentId: string, type: T, payload: EventPayloads[T]): EventDraft {
  return { incidentId, type, payload } as EventDraft
}

function isBlank(value: string | null | undefined): boolean {
  return value === undefined || value === null || value.trim().length === 0
}

/** Runs the shared schema over every draft so size limits hold before anything is written. */
function validated(events: EventDraft[]): Decision {
  for (const event of events) {
    const result = validatePayload(event.type, event.payload)
    if (!result.ok) return refuse('invalid_field', 'invalidPayload', { detail: result.error })
  }
  return { ok: true, events }
}

/** Decide what `command` means for `incident`: the events to record, or why not. */
export function decide(incident: Incident | undefined, command: Command, context: DecisionContext): Decision {
  if (command.action === 'log') {
    if (incident) return refuse('already_exists', 'alreadyExists', { number: incident.number })
    return decideLog(command, context)
  }
  if (!incident) return refuse('not_found', 'notOnDesk')
  if (incident.id !== command.incidentId) return refuse('not_found', 'otherIncident')
  const refusal = checkPermission(incident, command.action, context.actor)
  if (refusal) return { ok: false, refusal }
  return decideOnIncident(incident, command, context)
}

function decideLog(command: CommandOf<'log'>, context: DecisionContext): Decision {
  if (isBlank(command.shortDescription)) return refuse('missing_field', 'shortDescriptionRequired')
  if (isBlank(command.caller?.name)) return refuse('missing_field', 'callerRequired')
  return validated([
    draft(command.incidentId, 'IncidentLogged', {
      number: command.number,
      numberIsProvisional: command.numberIsProvisional,
      shortDescription: command.shortDescription,
      description: command.description,
      caller: command.caller,
      channel: command.channel,
      category: command.category ?? null,
      subcategory: command.subcategory ?? null,
      service: command.service ?? null,
      configurationItem: command.configurationItem ?? null,
      location: command.location ?? null,
      impact: command.impact,
      urgency: command.urgency,
      // An import keeps the priority its tool gave it (the matrices may differ).
      priority: command.origin?.priority ?? priorityFor(command.impact, command.urgency, context.config.priorityMatrix),
      level: 1,
      assignmentGroup: command.assignmentGroup ?? null,
      ...(command.routedBy && command.assignmentGroup ? { routedBy: command.routedBy } : {}),
      // Only imports carry an origin; a desk-logged incident's payload stays as it always was.
      ...(command.origin ? { origin: command.origin } : {}),
    }),
  ])
}

function decideOnIncident(incident: Incident, command: Exclude<Command, { action: 'log' }>, context: DecisionContext): Decision {
  const id = incident.id
  switch (command.action) {
    case 'categorize': {
      if (isBlank(command.category)) return refuse('missing_field', 'categoryRequired')
      const next = {
        category: command.category,
        subcategory: command.subcategory ?? null,
        // Omitted keeps the current value; an explicit null clears it.
        service: command.service === undefined ? incident.service : command.service,
        configurationItem: command.configurationItem === undefined ? incident.configurationItem : command.configurationItem,
      }
      if (
        next.category === incident.category &&
        next.subcategory === incident.subcategory &&
        next.service === incident.service &&
        next.configurationItem === incident.configurationItem
      ) {
        return refuse('no_change', 'sameCategory')
      }
      return validated([draft(id, 'IncidentCategorized', next)])
    }
    case 'prioritize': {
      if (command.impact === incident.impact && command.urgency === incident.urgency) {
        return refuse('no_change', 'samePriority')
      }
      const priority = priorityFor(command.impact, command.urgency, context.config.priorityMatrix)
      return validated([draft(id, 'IncidentPrioritized', { impact: command.impact, urgency: command.urgency, priority })])
    }
    case 'assign': {
      if (command.assignmentGroup === incident.assignmentGroup && command.assignee?.userId === incident.assignee?.userId) {
        return refuse('no_change', 'sameAssignment')
      }
      return validated([draft(id, 'IncidentAssigned', { assignmentGroup: command.assignmentGroup, assignee: command.assignee })])
    }
    case 'acknowledge':
      return validated([draft(id, 'IncidentAcknowledged', { assignee: incident.assignee ?? person(context.actor) })])
    case 'addWorkNote':
      if (isBlank(command.text)) return refuse('missing_field', 'workNoteText')
      return validated([draft(id, 'WorkNoteAdded', { text: command.text })])
    case 'addCallerComment': {
      if (isBlank(command.text)) return refuse('missing_field', 'commentText')
      const events = [draft(id, 'CallerCommentAdded', { text: command.text, direction: command.direction })]
      // The caller answered what we were waiting for: the incident is back in our hands.
      if (command.direction === 'from_caller' && incident.state === 'on_hold' && incident.holdReason === 'awaiting_caller') {
        events.push(draft(id, 'IncidentResumed', { cause: 'caller_replied' }))
      }
      return validated(events)
    }
    case 'hold':
      if (!command.reason) return refuse('missing_field', 'holdReasonRequired')
      if (command.reason === 'awaiting_caller' && isBlank(command.callerComment)) {
        return refuse('missing_field', 'awaitingCallerComment')
      }
      return validated([
        draft(id, 'IncidentPutOnHold', { reason: command.reason, callerComment: isBlank(command.callerComment) ? null : command.callerComment! }),
      ])
    case 'resume':
      return validated([draft(id, 'IncidentResumed', { cause: 'manual' })])
    case 'escalate':
      return decideEscalation(incident, command)
    case 'resolve':
      return decideResolve(incident, command, context)
    case 'close':
      if (command.cause === 'auto_close') {
        const eligibility = autoCloseEligibility(incident, context.now, context.config)
        if (!eligibility.eligible) return { ok: false, refusal: eligibility.refusal }
      }
      return validated([draft(id, 'IncidentClosed', { cause: command.cause })])
    case 'reopen':
      if (isBlank(command.reason)) return refuse('missing_field', 'reopenReason')
      return validated([draft(id, 'IncidentReopened', { reason: command.reason })])
    case 'cancel':
      if (!command.reason) return refuse('missing_field', 'cancelReason')
      return validated([draft(id, 'IncidentCanceled', { reason: command.reason, note: command.note ?? null })])
    case 'declareMajor': {
      if (isBlank(command.reason)) return refuse('missing_field', 'majorReason')
      if (!command.incidentManager) return refuse('missing_field', 'majorManager')
      const cadence = command.updateCadenceMinutes ?? context.config.majorUpdateCadenceMinutes
      return validated([
        draft(id, 'MajorIncidentDeclared', {
          incidentManager: command.incidentManager,
          reason: command.reason,
          affectedServices: cleanList(command.affectedServices ?? []),
          updateCadenceMinutes: cadence,
          nextUpdateDueAt: minutesAfter(context.now, cadence),
        }),
      ])
    }
    case 'link':
      return decideLink(incident, command, context)
    case 'editDetails':
      return decideEditDetails(incident, command)
    case 'attach':
      return validated([draft(id, 'AttachmentAdded', { ...command.attachment })])
    case 'postMajorUpdate': {
      if (isBlank(command.text)) return refuse('missing_field', 'updateText')
      if (isBlank(command.audience)) return refuse('missing_field', 'updateAudience')
      // Unless the manager promises another time, the next update is due one cadence from now.
      const nextUpdateDueAt =
        command.nextUpdateDueAt !== undefined
          ? command.nextUpdateDueAt
          : incident.majorUpdateCadenceMinutes
            ? minutesAfter(context.now, incident.majorUpdateCadenceMinutes)
            : null
      if (nextUpdateDueAt !== null && Date.parse(nextUpdateDueAt) <= Date.parse(context.now)) {
        return refuse('invalid_field', 'nextUpdateFuture')
      }
      return validated([draft(id, 'MajorIncidentUpdatePosted', { text: command.text, audience: command.audience, nextUpdateDueAt })])
    }
    case 'updateMajor': {
      const payload: EventPayloads['MajorIncidentDetailsUpdated'] = {}
      if (command.affectedServices !== undefined) payload.affectedServices = cleanList(command.affectedServices)
      if (command.updateCadenceMinutes !== undefined) payload.updateCadenceMinutes = command.updateCadenceMinutes
      if (command.incidentManager !== undefined) payload.incidentManager = command.incidentManager
      if (
        (payload.affectedServices === undefined || sameList(payload.affectedServices, incident.affectedServices)) &&
        (payload.updateCadenceMinutes === undefined || payload.updateCadenceMinutes === incident.majorUpdateCadenceMinutes) &&
        (payload.incidentManager === undefined || payload.incidentManager.userId === incident.incidentManager?.userId)
      ) {
        return refuse('no_change', 'sameMajorDetails')
      }
      return validated([draft(id, 'MajorIncidentDetailsUpdated', payload)])
    }
    case 'recordReview':
      if (isBlank(command.summary)) return refuse('missing_field', 'reviewSummary')
      if (isBlank(command.rootCause)) return refuse('missing_field', 'reviewRootCause')
      return validated([
        draft(id, 'PostIncidentReviewRecorded', {
          summary: command.summary,
          rootCause: command.rootCause,
          lessonsLearned: command.lessonsLearned,
          followUpActions: cleanList(command.followUpActions),
        }),
      ])
    case 'trackDisclosure':
      return decideDisclosure(incident, command, context)
  }
}

function minutesAfter(iso: string, minutes: number): string {
  return new Date(Date.parse(iso) + minutes * 60_000).toISOString()
}

function cleanList(items: readonly string[]): string[] {
  return [...new Set(items.map((item) => item.trim()).filter((item) => item.length > 0))]
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index])
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null)
}

function decideEditDetails(incident: Incident, command: CommandOf<'editDetails'>): Decision {
  const changes: DetailChanges = {}
  const previous: DetailChanges = {}
  for (const field of DETAIL_FIELDS) {
    const value = command.changes[field]
    if (value === undefined || sameValue(value, incident[field])) continue
    Object.assign(changes, { [field]: value })
    Object.assign(previous, { [field]: incident[field] })
  }
  if (Object.keys(changes).length === 0) return refuse('no_change', 'nothingChanged')
  if (changes.shortDescription !== undefined && isBlank(changes.shortDescription)) return refuse('missing_field', 'shortDescriptionRequired')
  if (changes.caller !== undefined && isBlank(changes.caller.name)) return refuse('missing_field', 'callerRequired')
  return validated([draft(incident.id, 'IncidentDetailsEdited', { changes, previous })])
}

function decideDisclosure(incident: Incident, command: CommandOf<'trackDisclosure'>, context: DecisionContext): Decision {
  const step = command.step
  const id = incident.id
  switch (step.kind) {
    case 'regimes':
      if (sameList([...step.regimes].sort(), [...incident.disclosure.regimes].sort())) return refuse('no_change', 'sameRegimes')
      return validated([draft(id, 'DisclosureRegimesSet', { regimes: [...new Set(step.regimes)] })])
    case 'trigger':
      // A trigger is when it happened; a date in the future is a typing slip, not a plan.
      if (Date.parse(step.occurredAt) > Date.parse(context.now)) return refuse('invalid_field', 'triggerFuture')
      return validated([draft(id, 'DisclosureTriggerRecorded', { trigger: step.trigger, occurredAt: step.occurredAt, note: step.note })])
    case 'submitted':
      if (Date.parse(step.submittedAt) > Date.parse(context.now)) return refuse('invalid_field', 'submissionFuture')
      return validated([draft(id, 'DisclosureSubmitted', { deadlineId: step.deadlineId, submittedAt: step.submittedAt, reference: step.reference })])
  }
}

function decideEscalation(incident: Incident, command: CommandOf<'escalate'>): Decision {
  const escalation = command.escalation
  if (isBlank(escalation.reason)) return refuse('missing_field', 'escalationReason')
  if (escalation.kind === 'hierarchical') {
    if (isBlank(escalation.manager)) return refuse('missing_field', 'escalationManager')
    return validated([draft(incident.id, 'IncidentEscalated', { ...escalation })])
  }
  if (isBlank(escalation.toGroup)) return refuse('missing_field', 'escalationGroup')
  const levelRefusal = functionalEscalationRefusal(incident.level, escalation.toLevel)
  if (levelRefusal) return { ok: false, refusal: levelRefusal }
  return validated([
    draft(incident.id, 'IncidentEscalated', {
      kind: 'functional',
      fromLevel: incident.level,
      toLevel: escalation.toLevel,
      toGroup: escalation.toGroup,
      reason: escalation.reason,
    }),
  ])
}

function decideResolve(incident: Incident, command: CommandOf<'resolve'>, context: DecisionContext): Decision {
  if (!command.resolutionCode) return refuse('missing_field', 'resolutionCode')
  // Retired codes stay known (history, a desk that resolved offline before the change): only a code the organization never had is refused.
  if (!isKnownResolutionCode(command.resolutionCode, context.config.resolutionCodes)) return refuse('invalid_field', 'resolutionCodeUnknown', { code: command.resolutionCode })
  if (isBlank(command.resolutionNotes)) return refuse('missing_field', 'resolutionNotes')
  const resolution = { resolutionCode: command.resolutionCode, resolutionNotes: command.resolutionNotes }
  const events: EventDraft[] = [draft(incident.id, 'IncidentResolved', { ...resolution, cascadedFrom: null })]
  if (incident.isMajor) {
    // Resolving a major incident restores the service for everyone who reported it; children
    // that are still open close out with the parent's notes. Children not on this desk yet are
    // resolved when their owner's desk syncs and sees the parent resolved.
    for (const link of incident.links) {
      if (link.kind !== 'child') continue
      const child = context.related?.(link.incidentId)
      // A child the actor cannot see (a security incident) is left to the security group.
      if (!child || !LIFECYCLE.resolve.from.includes(child.state) || !canSee(context.actor, child)) continue
      events.push(draft(child.id, 'IncidentResolved', { ...resolution, cascadedFrom: incident.id }))
    }
  }
  return validated(events)
}

function decideLink(incident: Incident, command: CommandOf<'link'>, context: DecisionContext): Decision {
  if (command.targetIncidentId === incident.id) return refuse('invalid_link', 'linkSelf')
  const target = context.related?.(command.targetIncidentId)
  if (!target) return refuse('not_found', 'linkTargetMissing')
  if (!canSee(context.actor, target)) return { ok: false, refusal: NOT_VISIBLE }
  if (incident.links.some((link) => link.incidentId === target.id && link.kind === command.kind)) {
    return refuse('no_change', 'alreadyLinked', { number: target.number })
  }
  const hierarchy = command.kind === 'child' ? { parent: incident, child: target } : command.kind === 'parent' ? { parent: target, child: incident } : null
  if (hierarchy) {
    // Major incidents have one level of children: no second parent, no grandchildren, no cycles.
    const { parent, child } = hierarchy
    if (child.links.some((link) => link.kind === 'parent')) return refuse('invalid_link', 'hasParent', { number: child.number })
    if (child.links.some((link) => link.kind === 'child')) return refuse('invalid_link', 'hasChildren', { number: child.number })
    if (parent.links.some((link) => link.kind === 'parent')) return refuse('invalid_link', 'isChild', { number: parent.number })
  }
  return validated([
    draft(incident.id, 'IncidentLinked', { kind: command.kind, targetIncidentId: target.id }),
    draft(target.id, 'IncidentLinked', { kind: INVERSE_LINK[command.kind], targetIncidentId: incident.id }),
  ])
}
