import { compareEvents, type EventOf, type IncidentEvent, type StoredEvent } from '../../src-shared/events/events'
import { parseHlc } from '../../src-shared/events/hlc'
import { applyEvent } from '../../src-shared/incident/reducer'
import type { Actor } from '../../src-shared/incident/roles'
import type { AttachmentDescriptor, Caller, Incident } from '../../src-shared/incident/incident'
import {
  type Channel,
  type LinkKind,
} from '../../src-shared/incident/vocabulary'
import { DETAIL_FIELDS, type DetailChanges } from '../../src-shared/incident/commands'
import { formatFullTimestamp } from '../incident/formatTimestamp'
import { describeEvent } from '../incident/describeEvent'
import { t } from '../i18n/activeLanguage'

/**
 * The activity timeline of one incident: its events in the canonical order (the server's
 * sequence, then this desk's pending events by clock), folded one at a time through the shared
 * reducer so every entry can say what changed from what to what.
 *
 * Concurrent edits. Two edits of the same field are shown as a conflict ("Edited on two desks")
 * when neither author could have seen the other's edit. The rule, chosen to be sound rather than
 * complete:
 *
 *   e1 before e2 in the canonical order, written on different devices, set the same field to
 *   different values, and e2's hybrid logical clock is *below* e1's.
 *
 * Why it is sound: a desk advances its clock past every event it pulls (receiveHlc), so an edit
 * made after seeing e1 always carries a clock above e1's. A clock below e1's therefore proves that
 * e2's desk had not seen e1, and the server ordered e1 first only because it reached the server
 * first: the classic offline case, where the desk that edited earlier synced later. Its blind
 * spot: when the later writer also synced later, its clock is above e1's whether or not it saw
 * e1, and the HLC alone cannot tell; that pair shows as two ordinary changes (the server's order
 * still decides which value is kept, and both values stay in the log). Proving that case would
 * need each event to carry the server position its desk had pulled to, a protocol change.
 */

export type ActivityKind =
  | 'logged'
  | 'workNote'
  | 'callerComment'
  | 'change'
  | 'numbered'
  | 'escalation'
  | 'resolution'
  | 'attachment'
  | 'link'
  | 'majorUpdate'

export interface FieldChange {
  field: TrackedField
  label: string
  from: string
  to: string
}

/** Both values of a field two desks set without seeing each other's edit. */
export interface EditConflict {
  label: string
  /** The edit the server ordered first: overwritten by `later`. */
  earlier: { actor: Actor; value: string; eventId: string }
  later: { actor: Actor; value: string }
  /** The value the incident holds for this field now. */
  current: string
}

export interface ActivityEntry {
  eventId: string
  kind: ActivityKind
  type: IncidentEvent['type']
  actor: Actor
  deviceId: string
  occurredAt: string
  /** What happened, in one line: "Priority changed", "Work note", "Taken by Grace Hopper". */
  summary: string
  /** A second line of facts, where the step has some: what an incident was logged with. */
  detail: string | null
  changes: FieldChange[]
  /** The note or comment itself, for notes and caller comments. */
  text: string | null
  /** For caller comments: written to the caller, or the caller's reply recorded by the desk. */
  direction: 'to_caller' | 'from_caller' | null
  conflicts: EditConflict[]
  /**
   * The step was not valid any more in the order the server put it (two desks acted at once):
   * it is kept in the log and the incident waits for a person.
   */
  needsAttention: boolean
  /** Not yet accepted by the sync server (no server sequence). */
  pending: boolean
  /** For attachments: the file, to open it from the timeline. */
  attachment: AttachmentDescriptor | null
  /** For links: the other incident, and its number when this desk holds it. */
  link: { kind: LinkKind; incidentId: string; number: string | null } | null
}

/** Looks up another incident's number (for links); undefined when this desk does not hold it. */
export type NumberLookup = (incidentId: string) => string | undefined

export type TrackedField =
  | 'shortDescription'
  | 'description'
  | 'caller'
  | 'channel'
  | 'number'
  | 'state'
  | 'impact'
  | 'urgency'
  | 'priority'
  | 'category'
  | 'subcategory'
  | 'service'
  | 'configurationItem'
  | 'location'
  | 'level'
  | 'assignmentGroup'
  | 'assignee'
  | 'holdReason'
  | 'resolutionCode'
  | 'isMajor'
  | 'incidentManager'

const NONE = 'none'

/** The fields a timeline entry reports, in the order it reports them, each with its words. */
const TRACKED_FIELDS: readonly { field: TrackedField; label: string; format: (incident: Incident) => string }[] = [
  { field: 'number', label: 'Number', format: (incident) => incident.number },
  { field: 'state', label: 'State', format: (incident) => t(`state.${incident.state}`) },
  { field: 'priority', label: 'Priority', format: (incident) => t(`priority.${incident.priority}`) },
  { field: 'impact', label: 'Impact', format: (incident) => t(`impact.${incident.impact}`) },
  { field: 'urgency', label: 'Urgency', format: (incident) => t(`urgency.${incident.urgency}`) },
  { field: 'category', label: 'Category', format: (incident) => incident.category ?? NONE },
  { field: 'subcategory', label: 'Subcategory', format: (incident) => incident.subcategory ?? NONE },
  { field: 'service', label: 'Service', format: (incident) => incident.service ?? NONE },
  { field: 'configurationItem', label: 'Configuration item', format: (incident) => incident.configurationItem ?? NONE },
  { field: 'location', label: 'Location', format: (incident) => incident.location ?? NONE },
  { field: 'level', label: 'Level', format: (incident) => t(`level.${incident.level}`) },
  { field: 'assignmentGroup', label: 'Assignment group', format: (incident) => incident.assignmentGroup ?? NONE },
  { field: 'assignee', label: 'Assigned to', format: (incident) => incident.assignee?.displayName ?? 'Unassigned' },
  { field: 'holdReason', label: 'Hold reason', format: (incident) => (incident.holdReason ? t(`hold.${incident.holdReason}`) : NONE) },
  {
    field: 'resolutionCode',
    label: 'Resolution code',
    format: (incident) => (incident.resolutionCode ? t(`resolution.${incident.resolutionCode}`) : NONE),
  },
  { field: 'isMajor', label: 'Major incident', format: (incident) => (incident.isMajor ? 'yes' : 'no') },
  { field: 'incidentManager', label: 'Incident manager', format: (incident) => incident.incidentManager?.displayName ?? NONE },
]

/**
 * What a field edit sets, as one comparable value: an edit event writes several fields at once
 * (impact, urgency and the priority they give), and a conflict is about the edit as a whole.
 */
interface EditFacet {
  facet: 'priority' | 'category' | 'assignment'
  label: string
  /** Equal keys mean the two edits agree: no conflict to show. */
  key: string
  value: string
}

function editFacet(event: IncidentEvent): EditFacet | null {
  switch (event.type) {
    case 'IncidentPrioritized': {
      const { impact, urgency, priority } = event.payload
      return {
        facet: 'priority',
        label: 'priority',
        key: `${impact}/${urgency}`,
        value: `${t(`priority.${priority}`)} (impact ${t(`impact.${impact}`)}, urgency ${t(`urgency.${urgency}`)})`,
      }
    }
    case 'IncidentCategorized': {
      const { category, subcategory, service, configurationItem } = event.payload
      const value = [category, subcategory].filter(Boolean).join(' / ')
      return { facet: 'category', label: 'category', key: JSON.stringify([category, subcategory, service, configurationItem]), value }
    }
    case 'IncidentAssigned': {
      const { assignee, assignmentGroup } = event.payload
      const value = [assignmentGroup, assignee?.displayName].filter(Boolean).join(' · ') || 'Unassigned'
      return { facet: 'assignment', label: 'assignment', key: JSON.stringify([assignmentGroup, assignee?.userId ?? null]), value }
    }
    default:
      return null
  }
}

function currentFacetValue(facet: EditFacet['facet'], incident: Incident): string {
  switch (facet) {
    case 'priority':
      return `${t(`priority.${incident.priority}`)} (impact ${t(`impact.${incident.impact}`)}, urgency ${t(`urgency.${incident.urgency}`)})`
    case 'category':
      return [incident.category, incident.subcategory].filter(Boolean).join(' / ') || NONE
    case 'assignment':
      return [incident.assignmentGroup, incident.assignee?.displayName].filter(Boolean).join(' · ') || 'Unassigned'
  }
}

/** True when `later`'s desk cannot have seen `earlier` (see the rule at the top of this file). */
export function wereConcurrent(earlier: StoredEvent, later: StoredEvent): boolean {
  if (earlier.deviceId === later.deviceId) return false
  return compareClock(later.hlc, earlier.hlc) < 0
}

function compareClock(a: string, b: string): number {
  const left = parseHlc(a)
  const right = parseHlc(b)
  return left.wallMs - right.wallMs || left.counter - right.counter
}

function summaryOf(event: IncidentEvent): { kind: ActivityKind; summary: string } {
  switch (event.type) {
    case 'IncidentLogged':
      return { kind: 'logged', summary: 'Logged the incident' }
    case 'WorkNoteAdded':
      return { kind: 'workNote', summary: 'Work note' }
    case 'CallerCommentAdded':
      return { kind: 'callerComment', summary: event.payload.direction === 'to_caller' ? 'Comment to the caller' : 'Reply from the caller' }
    case 'IncidentNumbered':
      return { kind: 'numbered', summary: 'The sync server gave it its number' }
    case 'IncidentPrioritized':
      return { kind: 'change', summary: 'Changed the priority' }
    case 'IncidentCategorized':
      return { kind: 'change', summary: 'Categorized' }
    case 'IncidentAssigned':
      return { kind: 'change', summary: event.payload.assignee || event.payload.assignmentGroup ? 'Assigned' : 'Unassigned' }
    case 'IncidentDetailsEdited':
      return { kind: 'change', summary: 'Edited the details' }
    case 'IncidentEscalated':
      return {
        kind: 'escalation',
        summary:
          event.payload.kind === 'functional'
            ? `Escalated to ${t(`level.${event.payload.toLevel}`)} (${event.payload.toGroup})`
            : `Notified manager ${event.payload.manager}`,
      }
    case 'IncidentResolved':
      return { kind: 'resolution', summary: `Resolved: ${t(`resolution.${event.payload.resolutionCode}`)}` }
    case 'IncidentReopened':
      return { kind: 'change', summary: 'Reopened' }
    case 'AttachmentAdded':
      return { kind: 'attachment', summary: `Attached ${event.payload.name}` }
    case 'IncidentLinked':
      return { kind: 'link', summary: `Linked: ${LINK_KIND_LABELS[event.payload.kind]}` }
    case 'MajorIncidentUpdatePosted':
      return { kind: 'majorUpdate', summary: `Stakeholder update to ${event.payload.audience}` }
    default:
      return { kind: 'change', summary: describeEvent(event) }
  }
}

function loggedDetail(payload: EventOf<'IncidentLogged'>['payload']): string {
  const facts = [
    `${t(`priority.${payload.priority}`)} (impact ${t(`impact.${payload.impact}`)}, urgency ${t(`urgency.${payload.urgency}`)})`,
    `${t(`channel.${payload.channel}`)} · caller ${payload.caller.name}`,
    `as ${payload.number}`,
  ]
  return facts.join(' · ')
}

/** How a link reads from this incident's side: "duplicate of INC0000012". */
export const LINK_KIND_LABELS: Record<LinkKind, string> = {
  parent: 'child of',
  child: 'parent of',
  duplicate_of: 'duplicate of',
  duplicated_by: 'duplicated by',
  related: 'related to',
}

const HIERARCHICAL_TRIGGER_LABELS: Record<string, string> = {
  sla_at_risk: 'SLA at risk',
  vip_caller: 'VIP caller',
  customer_complaint: 'Customer complaint',
  other: 'Other',
}

const DETAIL_LABELS: Record<(typeof DETAIL_FIELDS)[number], string> = {
  shortDescription: 'Short description',
  description: 'Description',
  caller: 'Caller',
  channel: 'Channel',
  location: 'Location',
  service: 'Service',
  configurationItem: 'Configuration item',
}

function detailValue(field: (typeof DETAIL_FIELDS)[number], value: DetailChanges[typeof field] | undefined): string {
  if (value === undefined || value === null || value === '') return NONE
  if (field === 'caller') {
    const caller = value as Caller
    return [caller.name, caller.contact].filter(Boolean).join(', ') + (caller.vip ? ' (VIP)' : '')
  }
  if (field === 'channel') return t(`channel.${value as Channel}`)
  return String(value)
}

/** An in-place edit's old → new, from the values the editor saw (payload.previous). */
function detailChanges(payload: EventOf<'IncidentDetailsEdited'>['payload']): FieldChange[] {
  const changes: FieldChange[] = []
  for (const field of DETAIL_FIELDS) {
    if (!(field in payload.changes)) continue
    changes.push({ field, label: DETAIL_LABELS[field], from: detailValue(field, payload.previous[field]), to: detailValue(field, payload.changes[field]) })
  }
  return changes
}

/** The second line of an entry: the reason, the notes, what the caller was asked. */
function detailOf(event: IncidentEvent, numberOf: NumberLookup): string | null {
  switch (event.type) {
    case 'IncidentLogged':
      return loggedDetail(event.payload)
    case 'IncidentEscalated': {
      const payload = event.payload
      return payload.kind === 'functional'
        ? `${t(`level.${payload.fromLevel}`)} → ${t(`level.${payload.toLevel}`)}, group ${payload.toGroup} · Reason: ${payload.reason}`
        : `${HIERARCHICAL_TRIGGER_LABELS[payload.trigger] ?? payload.trigger} · Reason: ${payload.reason}`
    }
    case 'IncidentResolved': {
      const cascaded = event.payload.cascadedFrom
      const from = cascaded ? ` (resolved with its major incident ${numberOf(cascaded) ?? 'on another desk'})` : ''
      return `Notes: ${event.payload.resolutionNotes}${from}`
    }
    case 'IncidentReopened':
      return `Reason: ${event.payload.reason}`
    case 'IncidentPutOnHold':
      return event.payload.callerComment ? `Asked the caller: ${event.payload.callerComment}` : null
    case 'IncidentCanceled':
      return event.payload.note ? `Note: ${event.payload.note}` : null
    case 'MajorIncidentDeclared': {
      const services = event.payload.affectedServices ?? []
      return [`Reason: ${event.payload.reason}`, services.length ? `Affected: ${services.join(', ')}` : null].filter(Boolean).join(' · ')
    }
    case 'MajorIncidentUpdatePosted': {
      const next = event.payload.nextUpdateDueAt
      return `${event.payload.text}${next ? ` · Next update due ${formatFullTimestamp(next)}` : ''}`
    }
    case 'MajorIncidentDetailsUpdated': {
      const payload = event.payload
      return (
        [
          payload.affectedServices ? `Affected services: ${payload.affectedServices.join(', ') || NONE}` : null,
          payload.updateCadenceMinutes !== undefined ? `Updates every ${payload.updateCadenceMinutes} min` : null,
          payload.incidentManager ? `Incident manager: ${payload.incidentManager.displayName}` : null,
        ]
          .filter(Boolean)
          .join(' · ') || null
      )
    }
    case 'PostIncidentReviewRecorded':
      return `Summary: ${event.payload.summary} · Root cause: ${event.payload.rootCause}`
    default:
      return null
  }
}

function diff(before: Incident, after: Incident): FieldChange[] {
  const changes: FieldChange[] = []
  for (const { field, label, format } of TRACKED_FIELDS) {
    const from = format(before)
    const to = format(after)
    if (from !== to) changes.push({ field, label, from, to })
  }
  return changes
}

/**
 * The incident's events as timeline entries, oldest first, with the incident they fold into.
 * `base` is the snapshot a desk started from when it does not hold the incident's early events
 * (store/records.ts, IncidentBase): the timeline then starts from it.
 */
export function buildActivity(
  events: readonly StoredEvent[],
  base?: { incident: Incident; throughSeq: number },
  numberOf: NumberLookup = () => undefined,
): { entries: ActivityEntry[]; incident: Incident | undefined } {
  const held = base ? events.filter((event) => event.serverSeq === undefined || event.serverSeq > base.throughSeq) : events
  const ordered = dedupe(held).sort(compareEvents)
  let incident: Incident | undefined = base?.incident
  const entries: ActivityEntry[] = []
  // Per facet, the edits seen so far in canonical order (for the concurrency check).
  const edits = new Map<EditFacet['facet'], { event: StoredEvent; facet: EditFacet; entry: ActivityEntry }[]>()

  for (const event of ordered) {
    const before = incident
    const after = applyEvent(before, event)
    // An event whose incident this desk has not seen logged yet (older history not fetched).
    if (!after) continue
    incident = after
    const { kind, summary } = summaryOf(event)
    const entry: ActivityEntry = {
      eventId: event.id,
      kind,
      type: event.type,
      actor: event.actor,
      deviceId: event.deviceId,
      occurredAt: event.occurredAt,
      summary,
      detail: detailOf(event, numberOf),
      changes: !before ? [] : event.type === 'IncidentDetailsEdited' ? mergeChanges(detailChanges(event.payload), diff(before, after)) : diff(before, after),
      text: event.type === 'WorkNoteAdded' || event.type === 'CallerCommentAdded' ? event.payload.text : null,
      direction: event.type === 'CallerCommentAdded' ? event.payload.direction : null,
      conflicts: [],
      needsAttention: after.needsAttention.includes(event.id) && !(before?.needsAttention.includes(event.id) ?? false),
      pending: event.serverSeq === undefined,
      attachment:
        event.type === 'AttachmentAdded'
          ? {
              attachmentId: event.payload.attachmentId,
              name: event.payload.name,
              mediaType: event.payload.mediaType,
              size: event.payload.size,
              sha256: event.payload.sha256,
            }
          : null,
      link:
        event.type === 'IncidentLinked'
          ? { kind: event.payload.kind, incidentId: event.payload.targetIncidentId, number: numberOf(event.payload.targetIncidentId) ?? null }
          : null,
    }
    entries.push(entry)

    const facet = editFacet(event)
    if (!facet) continue
    const previous = edits.get(facet.facet) ?? []
    const rival = [...previous].reverse().find((edit) => wereConcurrent(edit.event, event) && edit.facet.key !== facet.key)
    if (rival) {
      entry.conflicts.push({
        label: facet.label,
        earlier: { actor: rival.event.actor, value: rival.facet.value, eventId: rival.event.id },
        later: { actor: event.actor, value: facet.value },
        current: '',
      })
    }
    edits.set(facet.facet, [...previous, { event, facet, entry }])
  }

  // "…is kept" is only true of the last edit; say what the incident holds now.
  if (incident) {
    for (const [facet, list] of edits) {
      for (const { entry } of list) for (const conflict of entry.conflicts) conflict.current = currentFacetValue(facet, incident)
    }
  }
  return { entries, incident }
}

/** The edit's own words first; any other field the fold changed after them (none today). */
function mergeChanges(stated: FieldChange[], folded: FieldChange[]): FieldChange[] {
  const named = new Set(stated.map((change) => change.field))
  return [...stated, ...folded.filter((change) => !named.has(change.field))]
}

function dedupe(events: readonly StoredEvent[]): StoredEvent[] {
  const byId = new Map<string, StoredEvent>()
  for (const event of events) {
    const known = byId.get(event.id)
    // A server copy (with its sequence) wins over a pending copy of the same event.
    if (!known || (known.serverSeq === undefined && event.serverSeq !== undefined)) byId.set(event.id, event)
  }
  return [...byId.values()]
}
