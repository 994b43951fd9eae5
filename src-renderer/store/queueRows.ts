import { MAIL_INTAKE_ACTOR } from '../../src-shared/events/events'
import type { EscalationRecord, Incident } from '../../src-shared/incident/incident'
import type { QueueArrival, QueueEscalation, QueueRow } from '../../src-shared/queue/queueRow'
import type { IncidentRecord } from './records'

function parseInstant(iso: string | null): number | null {
  if (!iso) return null
  const ms = Date.parse(iso)
  return Number.isNaN(ms) ? null : ms
}

function escalationOf(record: EscalationRecord | undefined): QueueEscalation | null {
  if (!record) return null
  return {
    kind: record.kind,
    reason: record.reason,
    at: record.at,
    byName: record.by.displayName,
    toLevel: record.toLevel ?? null,
    toGroup: record.toGroup ?? null,
    manager: record.manager ?? null,
  }
}

function arrivalOf(record: IncidentRecord): QueueArrival | null {
  if (record.alert) return { kind: 'alert', sourceName: record.alert.sourceName, occurrences: record.alert.occurrences }
  // Logged by the mail intake, not merely typed in with the channel e-mail.
  return record.createdBy.userId === MAIL_INTAKE_ACTOR.userId ? { kind: 'email' } : null
}

/** The compact row of a projection record. */
export function toQueueRow(record: IncidentRecord): QueueRow {
  const escalations = record.escalations ?? []
  return {
    id: record.id,
    number: record.number,
    numberIsProvisional: record.numberIsProvisional,
    priority: record.priority,
    state: record.state,
    shortDescription: record.shortDescription,
    callerName: record.caller?.name ?? '',
    callerVip: record.caller?.vip === true,
    category: record.category,
    level: record.level,
    assignmentGroup: record.assignmentGroup,
    assigneeId: record.assignee?.userId ?? '',
    assigneeName: record.assignee?.displayName ?? null,
    slaClock: record.slaClock ?? null,
    slaWarningMs: parseInstant(record.slaWarningAt ?? null),
    slaDueMs: parseInstant(record.slaDueAt ?? null),
    updatedAt: record.updatedAt,
    updatedMs: parseInstant(record.updatedAt) ?? 0,
    isMajor: record.isMajor,
    isSecurity: record.isSecurity,
    needsAttention: (record.needsAttention?.length ?? 0) > 0,
    createdById: record.createdBy.userId,
    escalatedFunctionally: escalations.some((escalation) => escalation.kind === 'functional'),
    lastEscalation: escalationOf(escalations[escalations.length - 1]),
    escalationCount: escalations.length,
    eventCount: record.eventCount,
    cameFrom: arrivalOf(record),
  }
}

/** The fields of an Incident that the lifecycle's permission checks read. */
type PermissionFields = Pick<Incident, 'id' | 'number' | 'state' | 'isSecurity' | 'assignee' | 'createdBy' | 'escalations' | 'isMajor' | 'priority' | 'level'>

/**
 * Just enough of an Incident for the lifecycle's `checkPermission` on the bulk bar's actions
 * (assign, take, hold, resume, resolve, cancel, escalate: visibility, state, role, ownership and
 * their action rules), so the bar can ask the shared lifecycle about 10k selected rows without
 * reading 10k full records. Not for other actions (attach reads the attachment list).
 * test/store/queueBulk.test.ts checks that its answers agree with the full incident's for every
 * bulk action, role and state; if the lifecycle starts reading another field for them, that
 * test fails and the field belongs here.
 */
export function permissionSubject(row: QueueRow): Incident {
  const creator = { userId: row.createdById, displayName: '' }
  const subject: PermissionFields = {
    id: row.id,
    number: row.number,
    state: row.state,
    isSecurity: row.isSecurity,
    assignee: row.assigneeId ? { userId: row.assigneeId, displayName: row.assigneeName ?? '' } : null,
    // The role of the creator is never read: ownership compares user ids.
    createdBy: { ...creator, role: 'l1_agent' },
    escalations: row.escalatedFunctionally ? [{ kind: 'functional', reason: '', at: row.updatedAt, by: creator }] : [],
    isMajor: row.isMajor,
    priority: row.priority,
    level: row.level,
  }
  return subject as Incident
}
