import type { Command } from '../incident/commands'
import type { Incident } from '../incident/incident'
import type { Impact, Urgency } from '../incident/priority'
import type { PersonRef } from '../incident/roles'
import type { IncidentState, ResolutionCode } from '../incident/vocabulary'

/**
 * What the source tool says happened to an imported incident after it was opened: where it
 * ended up, who had it, and when it was resolved and closed. Read from the row by importRows.ts.
 */
export interface ImportedPast {
  /** The source's state, through the preset's table (presets.ts). */
  state: IncidentState
  /** The source's state as written, for the hold reason ("Awaiting User Info"). */
  stateText: string | null
  /** Who had it last, by name; null when nobody did. */
  assignee: string | null
  /** The instants the source gives (ISO); null when it gives none. */
  updatedAt: string | null
  resolvedAt: string | null
  closedAt: string | null
  resolutionCode: ResolutionCode
  resolutionNotes: string
}

/**
 * The person an import names: the importer when the source names them, anyone else by name (an
 * id made from the name, the same on every import, so a re-import finds the same person).
 */
export function importedPerson(name: string, importer: PersonRef): PersonRef {
  if (name.toLowerCase() === importer.displayName.toLowerCase()) return { userId: importer.userId, displayName: importer.displayName }
  return { userId: `imported:${name.toLowerCase().replace(/\s+/g, '.')}`.slice(0, 100), displayName: name }
}

/** An action on an imported incident, without the incident id the store gives it. */
export type ImportedAction = DistributiveOmit<Exclude<Command, { action: 'log' }>, 'incidentId'>
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never

/** One step of an imported incident's past, dated when the source says it happened. */
export interface ImportStep {
  at: string
  command: ImportedAction
}

/**
 * The lifecycle steps that take an incident logged at `openedAt` to the state the source left it
 * in, each dated by the source's own instants, so that SLA clocks, reports, ages and the
 * timeline read the imported past as past (issue #9: "history is history"). Every step is an
 * ordinary command the lifecycle decides, so an import can never write a state the desk's rules
 * could not reach.
 *
 * When a step's instant is unknown, the nearest later one the source gives stands in: work
 * started (taken, assigned, put on hold) is dated at the last update, or at the resolution for
 * an incident resolved since; an incident with no instant at all is dated at its opening. A
 * response measured that way is never earlier than it really was. Instants never go backwards.
 */
export function importSteps(
  logged: { openedAt: string; assignmentGroup: string | null },
  past: ImportedPast,
  personNamed: (name: string) => PersonRef,
): ImportStep[] {
  const { openedAt, assignmentGroup } = logged
  const steps: ImportStep[] = []
  let last = openedAt
  const add = (at: string | null, command: ImportedAction) => {
    if (at !== null && Date.parse(at) > Date.parse(last)) last = at
    steps.push({ at: last, command })
  }
  const { state } = past
  const ended = state === 'resolved' || state === 'closed'
  const resolvedAt = past.resolvedAt ?? past.closedAt ?? past.updatedAt
  const workedAt = ended ? resolvedAt : past.updatedAt
  const assignee = past.assignee === null ? null : personNamed(past.assignee)

  if (state === 'canceled') {
    add(past.closedAt ?? past.updatedAt, { action: 'cancel', reason: 'logged_in_error', note: past.stateText })
    return steps
  }
  if (state === 'in_progress' || state === 'on_hold') {
    // Taking it is what puts it In Progress; the assignment then names who really had it.
    add(workedAt, { action: 'acknowledge' })
    add(workedAt, { action: 'assign', assignmentGroup, assignee })
  } else if (ended && assignee) {
    add(workedAt, { action: 'assign', assignmentGroup, assignee })
  }
  if (state === 'on_hold') add(workedAt, holdStep(past.stateText))
  if (ended) add(resolvedAt, { action: 'resolve', resolutionCode: past.resolutionCode, resolutionNotes: past.resolutionNotes })
  if (state === 'closed') add(past.closedAt, { action: 'close', cause: 'caller_confirmed' })
  return steps
}

/** The hold reason the source's state names; waiting on the caller says what the source said. */
function holdStep(stateText: string | null): ImportedAction {
  const text = (stateText ?? '').toLowerCase()
  if (text.includes('user') || text.includes('caller')) return { action: 'hold', reason: 'awaiting_caller', callerComment: stateText }
  if (text.includes('problem')) return { action: 'hold', reason: 'awaiting_problem' }
  if (text.includes('change')) return { action: 'hold', reason: 'awaiting_change' }
  return { action: 'hold', reason: 'awaiting_vendor' }
}

/** What the file says now of an incident an earlier import brought in. */
export interface ImportedNow {
  category: string | null
  subcategory: string | null
  impact: Impact
  urgency: Urgency
  assignmentGroup: string | null
}

/**
 * The steps that bring an incident an earlier import brought in up to what the file says now
 * (re-import with "update"): new classification and priority while it is open, the state moved on
 * (taken, on hold, resolved, closed, canceled) or back (reopened in the source), each dated by the
 * source and never before the incident's own last change. A closed or canceled incident is
 * history: nothing changes it. No step when nothing differs.
 */
export function updateSteps(
  existing: Pick<Incident, 'state' | 'category' | 'subcategory' | 'impact' | 'urgency' | 'assignmentGroup' | 'assignee' | 'updatedAt'>,
  now: ImportedNow,
  past: ImportedPast,
  personNamed: (name: string) => PersonRef,
  reopenReason: string,
): ImportStep[] {
  if (existing.state === 'closed' || existing.state === 'canceled') return []
  const steps: ImportStep[] = []
  let last = existing.updatedAt
  const add = (at: string | null, command: ImportedAction) => {
    if (at !== null && Date.parse(at) > Date.parse(last)) last = at
    steps.push({ at: last, command })
  }
  const target = past.state
  const ended = target === 'resolved' || target === 'closed'
  const resolvedAt = past.resolvedAt ?? past.closedAt ?? past.updatedAt
  const workedAt = ended ? resolvedAt : past.updatedAt
  let state = existing.state
  let assignee = existing.assignee

  if (state === 'resolved' && !ended) {
    add(past.updatedAt, { action: 'reopen', reason: reopenReason })
    state = 'in_progress'
  }
  const open = () => state === 'new' || state === 'in_progress' || state === 'on_hold'
  if (open()) {
    if (now.category !== null && (now.category !== existing.category || now.subcategory !== existing.subcategory)) {
      add(past.updatedAt, { action: 'categorize', category: now.category, subcategory: now.subcategory })
    }
    if (now.impact !== existing.impact || now.urgency !== existing.urgency) add(past.updatedAt, { action: 'prioritize', impact: now.impact, urgency: now.urgency })
    if (target === 'canceled') {
      add(past.closedAt ?? past.updatedAt, { action: 'cancel', reason: 'logged_in_error', note: past.stateText })
      return steps
    }
    const wanted = past.assignee === null ? null : personNamed(past.assignee)
    if ((target === 'in_progress' || target === 'on_hold') && state === 'new') {
      add(workedAt, { action: 'acknowledge' })
      state = 'in_progress'
      // Taking it makes the importer its assignee, which the source's assignee then replaces.
      assignee = { userId: '', displayName: '' }
    }
    const assigneeDiffers = wanted !== null ? wanted.userId !== assignee?.userId : assignee !== null && target !== 'new' && !ended
    if (now.assignmentGroup !== existing.assignmentGroup || assigneeDiffers) add(workedAt, { action: 'assign', assignmentGroup: now.assignmentGroup, assignee: wanted })
    if (target === 'on_hold' && state !== 'on_hold') add(workedAt, holdStep(past.stateText))
    if (target === 'in_progress' && state === 'on_hold') add(workedAt, { action: 'resume' })
    if (ended) {
      add(resolvedAt, { action: 'resolve', resolutionCode: past.resolutionCode, resolutionNotes: past.resolutionNotes })
      state = 'resolved'
    }
  }
  if (state === 'resolved' && target === 'closed') add(past.closedAt, { action: 'close', cause: 'caller_confirmed' })
  return steps
}
