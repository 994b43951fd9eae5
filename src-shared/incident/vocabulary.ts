/**
 * The closed sets of the incident domain (DESIGN §1). Each is a readonly tuple so
 * schemas, tests and UI pickers can enumerate exactly the same members.
 */

/**
 * Lifecycle states.
 * - `new`: logged, nobody has taken it yet.
 * - `in_progress`: someone owns it and works it.
 * - `on_hold`: waiting on something outside the desk; always carries a {@link HoldReason}.
 * - `resolved`: service restored; carries a resolution code and notes. Reopenable.
 * - `closed`: done; terminal. A recurrence is a new incident linked to this one.
 * - `canceled`: duplicate, not an incident, or logged in error; terminal.
 */
export const INCIDENT_STATES = ['new', 'in_progress', 'on_hold', 'resolved', 'closed', 'canceled'] as const
export type IncidentState = (typeof INCIDENT_STATES)[number]

export const TERMINAL_STATES: readonly IncidentState[] = ['closed', 'canceled']

export function isTerminal(state: IncidentState): boolean {
  return TERMINAL_STATES.includes(state)
}

/** New, In Progress or On Hold: still being worked (the queue's and the backlog's sense of "open"). */
export function isOpenState(state: IncidentState): boolean {
  return state === 'new' || state === 'in_progress' || state === 'on_hold'
}

export const STATE_LABELS: Record<IncidentState, string> = {
  new: 'New',
  in_progress: 'In Progress',
  on_hold: 'On Hold',
  resolved: 'Resolved',
  closed: 'Closed',
  canceled: 'Canceled',
}

/** Why an incident waits. `awaiting_caller` must say what the caller is asked for. */
export const HOLD_REASONS = ['awaiting_caller', 'awaiting_change', 'awaiting_problem', 'awaiting_vendor'] as const
export type HoldReason = (typeof HOLD_REASONS)[number]

export const HOLD_REASON_LABELS: Record<HoldReason, string> = {
  awaiting_caller: 'Awaiting Caller',
  awaiting_change: 'Awaiting Change',
  awaiting_problem: 'Awaiting Problem',
  awaiting_vendor: 'Awaiting Vendor',
}

export const RESOLUTION_CODES = [
  'solution_provided',
  'workaround_provided',
  'resolved_by_change',
  'resolved_by_problem',
  'resolved_by_caller',
  'known_error',
  'duplicate',
  'user_error',
  'no_resolution_provided',
] as const
/** The codes every desk knows, with names in every language; an organization adds its own (config/resolutionCodes.ts). */
export type BuiltInResolutionCode = (typeof RESOLUTION_CODES)[number]
/** A built-in code or one of the organization's own ids. */
export type ResolutionCode = string

export const RESOLUTION_CODE_LABELS: Record<BuiltInResolutionCode, string> = {
  solution_provided: 'Solution provided',
  workaround_provided: 'Workaround provided',
  resolved_by_change: 'Resolved by change',
  resolved_by_problem: 'Resolved by problem',
  resolved_by_caller: 'Resolved by caller',
  known_error: 'Known error',
  duplicate: 'Duplicate',
  user_error: 'User error',
  no_resolution_provided: 'No resolution provided',
}

export const CANCEL_REASONS = ['duplicate', 'not_an_incident', 'logged_in_error'] as const
export type CancelReason = (typeof CANCEL_REASONS)[number]

/** How the incident reached the desk. */
export const CHANNELS = ['phone', 'email', 'walk_in', 'self_service', 'monitoring', 'field_visit'] as const
export type Channel = (typeof CHANNELS)[number]

export const CHANNEL_LABELS: Record<Channel, string> = {
  phone: 'Phone',
  email: 'Email',
  walk_in: 'Walk-in',
  self_service: 'Self-service portal',
  monitoring: 'Monitoring alert',
  field_visit: 'Field visit',
}

/**
 * Relations between incidents, always recorded on both ends.
 * - `parent` / `child`: a major incident and the incidents it covers; resolving the parent resolves the children.
 * - `duplicate_of` / `duplicated_by`: the same disruption logged twice.
 * - `related`: worth knowing about, no lifecycle effect (also used for a recurrence of a closed incident).
 */
export const LINK_KINDS = ['parent', 'child', 'duplicate_of', 'duplicated_by', 'related'] as const
export type LinkKind = (typeof LINK_KINDS)[number]

export const INVERSE_LINK: Record<LinkKind, LinkKind> = {
  parent: 'child',
  child: 'parent',
  duplicate_of: 'duplicated_by',
  duplicated_by: 'duplicate_of',
  related: 'related',
}

/** The category that restricts an incident to the security group. */
export const SECURITY_CATEGORY = 'security'
