import type { SupportLevel } from '../../src-shared/incident/levels'
import type { Command, IncidentAction } from '../../src-shared/incident/commands'
import { checkPermission } from '../../src-shared/incident/lifecycle'
import type { Actor, PersonRef } from '../../src-shared/incident/roles'
import type { CancelReason, HoldReason, ResolutionCode } from '../../src-shared/incident/vocabulary'
import type { IncidentStore } from './incidentStore'
import type { QueueRow } from '../../src-shared/queue/queueRow'
import { permissionSubject } from './queueRows'
import { refusalText, t } from '../i18n/activeLanguage'

/**
 * One action on many incidents, from the queue's bulk bar. Each incident goes through the
 * store's own command (`store.execute`), one transaction each, so the lifecycle judges every
 * incident on its own: one that cannot take the step is left as it was and reported by number
 * with the lifecycle's reason; the others change. Nothing is skipped quietly.
 */
export type BulkRequest =
  /** `assignmentGroup: undefined` keeps each incident's own group (e.g. "assign to me"). */
  | { action: 'assign'; assignmentGroup: string | null | undefined; assignee: PersonRef | null }
  | { action: 'acknowledge' }
  | { action: 'hold'; reason: HoldReason; callerComment: string | null }
  | { action: 'resume' }
  | { action: 'resolve'; resolutionCode: ResolutionCode; resolutionNotes: string }
  | { action: 'cancel'; reason: CancelReason; note: string | null }
  | { action: 'escalate'; toLevel: SupportLevel; toGroup: string; reason: string }

export type BulkAction = BulkRequest['action']

/** The bulk bar's actions, in the order it offers them, with what the lifecycle calls them. */
export const BULK_ACTIONS: readonly { action: BulkAction; lifecycleAction: IncidentAction }[] = [
  { action: 'assign', lifecycleAction: 'assign' },
  { action: 'acknowledge', lifecycleAction: 'acknowledge' },
  { action: 'hold', lifecycleAction: 'hold' },
  { action: 'resume', lifecycleAction: 'resume' },
  { action: 'resolve', lifecycleAction: 'resolve' },
  { action: 'cancel', lifecycleAction: 'cancel' },
  { action: 'escalate', lifecycleAction: 'escalate' },
]

export function bulkActionInfo(action: BulkAction) {
  return BULK_ACTIONS.find((entry) => entry.action === action)!
}

export function commandFor(request: BulkRequest, row: Pick<QueueRow, 'id' | 'assignmentGroup'>): Command {
  const incidentId = row.id
  switch (request.action) {
    case 'assign':
      return {
        action: 'assign',
        incidentId,
        assignmentGroup: request.assignmentGroup === undefined ? row.assignmentGroup : request.assignmentGroup,
        assignee: request.assignee,
      }
    case 'acknowledge':
      return { action: 'acknowledge', incidentId }
    case 'hold':
      return { action: 'hold', incidentId, reason: request.reason, callerComment: request.callerComment }
    case 'resume':
      return { action: 'resume', incidentId }
    case 'resolve':
      return { action: 'resolve', incidentId, resolutionCode: request.resolutionCode, resolutionNotes: request.resolutionNotes }
    case 'cancel':
      return { action: 'cancel', incidentId, reason: request.reason, note: request.note }
    case 'escalate':
      return {
        action: 'escalate',
        incidentId,
        escalation: { kind: 'functional', toLevel: request.toLevel, toGroup: request.toGroup, reason: request.reason },
      }
  }
}

export type BulkTarget = Pick<QueueRow, 'id' | 'number' | 'assignmentGroup'>

export interface BulkRefusal {
  id: string
  number: string
  reason: string
}

export interface BulkOutcome {
  action: BulkAction
  attempted: number
  changed: string[]
  refused: BulkRefusal[]
  /** True when the person stopped it part-way; `attempted` then counts only what was tried. */
  stopped: boolean
}

export interface BulkProgress {
  done: number
  total: number
}

export interface RunBulkOptions {
  onProgress?: (progress: BulkProgress) => void
  /** Checked between incidents; what is done stays done, the rest is not tried. */
  shouldStop?: () => boolean
}

export async function runBulk(
  store: Pick<IncidentStore, 'execute'>,
  targets: readonly BulkTarget[],
  request: BulkRequest,
  options: RunBulkOptions = {},
): Promise<BulkOutcome> {
  const outcome: BulkOutcome = { action: request.action, attempted: 0, changed: [], refused: [], stopped: false }
  for (const target of targets) {
    if (options.shouldStop?.()) {
      outcome.stopped = true
      break
    }
    const result = await store.execute(commandFor(request, target))
    outcome.attempted += 1
    if (result.ok) outcome.changed.push(target.id)
    else outcome.refused.push({ id: target.id, number: target.number, reason: refusalText(result.refusal) })
    options.onProgress?.({ done: outcome.attempted, total: targets.length })
  }
  return outcome
}

function sentence(text: string): string {
  const trimmed = text.trim()
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`
}

/** Refusals listed by number, at most this many; the rest are counted. */
const LISTED_REFUSALS = 5

/**
 * What happened, in one sentence a person can act on: "10 incidents assigned." or
 * "3 of 10 not changed: INC0000004: <reason>; …". Every refusal is counted; the first few are
 * named with the lifecycle's own reason (the full list is in `outcome.refused`).
 */
export function describeOutcome(outcome: BulkOutcome): string {
  const done = (count: number) => t(`bulk.done.${outcome.action}`, { count })
  const parts: string[] = []
  if (outcome.refused.length === 0) {
    parts.push(`${done(outcome.changed.length)}.`)
  } else {
    const listed = outcome.refused.slice(0, LISTED_REFUSALS).map((refusal) => `${refusal.number}: ${sentence(refusal.reason)}`)
    if (outcome.refused.length > LISTED_REFUSALS) listed.push(t('bulk.outcome.more', { count: outcome.refused.length - LISTED_REFUSALS }))
    parts.push(t('bulk.outcome.notChanged', { refused: outcome.refused.length, attempted: outcome.attempted, list: listed.join(' ') }))
    if (outcome.changed.length > 0) parts.push(`${done(outcome.changed.length)}.`)
  }
  if (outcome.stopped) parts.push(t('bulk.outcome.stopped'))
  return parts.join(' ')
}

export interface BulkAvailability {
  action: BulkAction
  /** How many of the selection the lifecycle allows it for, as they stand. */
  allowed: number
  /** The commonest reason it is not allowed, for the disabled control's description. */
  reason: string | null
}

/**
 * Which bulk actions the selection allows, asked of the shared lifecycle (`checkPermission`)
 * per row: an action none of the selection allows is disabled with the lifecycle's reason;
 * one that some allow stays enabled and the run reports the others.
 */
export function bulkAvailability(rows: readonly QueueRow[], actor: Actor): BulkAvailability[] {
  return BULK_ACTIONS.map(({ action, lifecycleAction }) => {
    let allowed = 0
    const reasons = new Map<string, number>()
    for (const row of rows) {
      const refusal = checkPermission(permissionSubject(row), lifecycleAction, actor)
      if (!refusal) allowed += 1
      else reasons.set(refusalText(refusal), (reasons.get(refusalText(refusal)) ?? 0) + 1)
    }
    let reason: string | null = null
    let most = 0
    for (const [message, count] of reasons) {
      if (count > most) {
        most = count
        reason = message
      }
    }
    return { action, allowed, reason }
  })
}
