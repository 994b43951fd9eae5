import { compareEvents, type EventOf, type IncidentEvent, type StoredEvent } from '../../src-shared/events/events'
import { parseHlc } from '../../src-shared/events/hlc'
import { unfoldEvents } from '../../src-shared/events/importedEvents'
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
import type { MessageId } from '../../src-shared/i18n/catalog'
import { resolutionCodeText } from '../config/resolutionCodeNames'

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
  | 'alert'
  | 'mail'

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

/** Read when a timeline is built, so it is in the language of the moment. */
const none = () => t('activity.none')

/** The fields a timeline entry reports, in the order it reports them, each with its words. */
const TRACKED_FIELDS: readonly { field: TrackedField; label: MessageId; format: (incident: Incident) => string }[] = [
  { field: 'number', label: 'activity.field.number', format: (incident) => incident.number },
  { field: 'state', label: 'activity.field.state', format: (incident) => t(`state.${incident.state}`) },
  { field: 'priority', label: 'activity.field.priority', format: (incident) => t(`priority.${incident.priority}`) },
  { field: 'impact', label: 'activity.field.impact', format: (incident) => t(`impact.${incident.impact}`) },
  { field: 'urgency', label: 'activity.field.urgency', format: (incident) => t(`urgency.${incident.urgency}`) },
  { field: 'category', label: 'activity.field.category', format: (incident) => incident.category ?? none() },
  { field: 'subcategory', label: 'activity.field.subcategory', format: (incident) => incident.subcategory ?? none() },
  { field: 'service', label: 'activity.field.service', format: (incident) => incident.service ?? none() },
  { field: 'configurationItem', label: 'activity.field.configurationItem', format: (incident) => incident.configurationItem ?? none() },
  { field: 'location', label: 'activity.field.location', format: (incident) => incident.location ?? none() },
  { field: 'level', label: 'activity.field.level', format: (incident) => t(`level.${incident.level}`) },
  { field: 'assignmentGroup', label: 'activity.field.assignmentGroup', format: (incident) => incident.assignmentGroup ?? none() },
  { field: 'assignee', label: 'activity.field.assignee', format: (incident) => incident.assignee?.displayName ?? t('activity.unassigned') },
  { field: 'holdReason', label: 'activity.field.holdReason', format: (incident) => (incident.holdReason ? t(`hold.${incident.holdReason}`) : none()) },
  {
    field: 'resolutionCode',
    label: 'activity.field.resolutionCode',
    format: (incident) => (incident.resolutionCode ? resolutionCodeText(incident.resolutionCode) : none()),
  },
  { field: 'isMajor', label: 'activity.field.isMajor', format: (incident) => (incident.isMajor ? t('activity.yes') : t('activity.no')) },
  { field: 'incidentManager', label: 'activity.field.incidentManager', format: (incident) => incident.incidentManager?.displayName ?? none() },
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
        label: t('activity.facet.priority'),
        key: `${impact}/${urgency}`,
        value: t('activity.priorityValue', { priority: t(`priority.${priority}`), impact: t(`impact.${impact}`), urgency: t(`urgency.${urgency}`) }),
      }
    }
    case 'IncidentCategorized': {
      const { category, subcategory, service, configurationItem } = event.payload
      const value = [category, subcategory].filter(Boolean).join(' / ')
      return { facet: 'category', label: t('activity.facet.category'), key: JSON.stringify([category, subcategory, service, configurationItem]), value }
    }
    case 'IncidentAssigned': {
      const { assignee, assignmentGroup } = event.payload
      const value = [assignmentGroup, assignee?.displayName].filter(Boolean).join(' · ') || t('activity.unassigned')
      return { facet: 'assignment', label: t('activity.facet.assignment'), key: JSON.stringify([assignmentGroup, assignee?.userId ?? null]), value }
    }
    default:
      return null
  }
}

function currentFacetValue(facet: EditFacet['facet'], incident: Incident): string {
  switch (facet) {
    case 'priority':
      return t('activity.priorityValue', { priority: t(`priority.${incident.priority}`), impact: t(`impact.${incident.impact}`), urgency: t(`urgency.${incident.urgency}`) })
    case 'category':
      return [incident.category, incident.subcategory].filter(Boolean).join(' / ') || none()
    case 'assignment':
      return [incident.assignmentGroup, incident.assignee?.displayName].filter(Boolean).join(' · ') || t('activity.unassigned')
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
      return { kind: 'logged', summary: t('activity.logged') }
    case 'WorkNoteAdded':
      return { kind: 'workNote', summary: t('activity.workNote') }
    case 'CallerCommentAdded':
      return { kind: 'callerComment', summary: event.payload.direction === 'to_caller' ? t('activity.toCaller') : t('activity.fromCaller') }
    case 'IncidentNumbered':
      return { kind: 'numbered', summary: t('activity.numbered') }
    case 'IncidentPrioritized':
      return { kind: 'change', summary: t('activity.prioritized') }
    case 'IncidentCategorized':
      return { kind: 'change', summary: t('activity.categorized') }
    case 'IncidentAssigned':
      return { kind: 'change', summary: event.payload.assignee || event.payload.assignmentGroup ? t('activity.assigned') : t('activity.unassignedStep') }
    case 'IncidentDetailsEdited':
      return { kind: 'change', summary: t('activity.edited') }
    case 'IncidentEscalated':
      return {
        kind: 'escalation',
        summary:
          event.payload.kind === 'functional'
            ? t('activity.escalatedTo', { level: t(`level.${event.payload.toLevel}`), group: event.payload.toGroup })
            : t('activity.notifiedManager', { manager: event.payload.manager }),
      }
    case 'IncidentResolved':
      return { kind: 'resolution', summary: t('activity.resolved', { code: resolutionCodeText(event.payload.resolutionCode) }) }
    case 'IncidentReopened':
      return { kind: 'change', summary: t('activity.reopened') }
    case 'AttachmentAdded':
      return { kind: 'attachment', summary: t('activity.attached', { name: event.payload.name }) }
    case 'IncidentLinked':
      return { kind: 'link', summary: t('activity.linked', { kind: t(`linkSide.${event.payload.kind}`) }) }
    case 'MajorIncidentUpdatePosted':
      return { kind: 'majorUpdate', summary: t('activity.majorUpdate', { audience: event.payload.audience }) }
    case 'AlertReceived':
    case 'AlertStormDetected':
      return { kind: 'alert', summary: describeEvent(event) }
    case 'MailReceived':
    case 'MailSent':
    case 'MailFailed':
      return { kind: 'mail', summary: describeEvent(event) }
    default:
      return { kind: 'change', summary: describeEvent(event) }
  }
}

function loggedDetail(payload: EventOf<'IncidentLogged'>['payload']): string {
  const facts = [
    t('activity.priorityValue', { priority: t(`priority.${payload.priority}`), impact: t(`impact.${payload.impact}`), urgency: t(`urgency.${payload.urgency}`) }),
    t('activity.channelCaller', { channel: t(`channel.${payload.channel}`), caller: payload.caller.name }),
    t('activity.asNumber', { number: payload.number }),
  ]
  // Routed by a rule: the timeline names it, like every automatic change.
  if (payload.routedBy && payload.assignmentGroup) facts.push(t('activity.routed', { group: payload.assignmentGroup, kind: payload.routedBy.kind, rule: payload.routedBy.label }))
  return facts.join(' · ')
}

function detailValue(field: (typeof DETAIL_FIELDS)[number], value: DetailChanges[typeof field] | undefined): string {
  if (value === undefined || value === null || value === '') return none()
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
    changes.push({ field, label: t(`activity.field.${field}`), from: detailValue(field, payload.previous[field]), to: detailValue(field, payload.changes[field]) })
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
        ? t('activity.escalationDetail', { from: t(`level.${payload.fromLevel}`), to: t(`level.${payload.toLevel}`), group: payload.toGroup, reason: payload.reason })
        : t('activity.triggerReason', { trigger: t(`trigger.${payload.trigger}`), reason: payload.reason })
    }
    case 'IncidentResolved': {
      const cascaded = event.payload.cascadedFrom
      const major = cascaded ? numberOf(cascaded) : undefined
      const from = cascaded ? (major ? t('activity.cascadedFrom', { number: major }) : t('activity.cascadedElsewhere')) : ''
      return t('activity.notes', { notes: event.payload.resolutionNotes, from })
    }
    case 'IncidentReopened':
      return t('activity.reason', { reason: event.payload.reason })
    case 'IncidentPutOnHold':
      return event.payload.callerComment ? t('activity.askedCaller', { comment: event.payload.callerComment }) : null
    case 'IncidentCanceled':
      return event.payload.note ? t('activity.note', { note: event.payload.note }) : null
    case 'MajorIncidentDeclared': {
      const services = event.payload.affectedServices ?? []
      return [t('activity.reason', { reason: event.payload.reason }), services.length ? t('activity.affected', { services: services.join(', ') }) : null].filter(Boolean).join(' · ')
    }
    case 'AlertReceived':
      // The alert's own words: what the source said this time (on a recovery, the note it adds).
      return event.payload.summary || null
    case 'AlertStormDetected':
      return t('activity.alertStormDetail')
    case 'MajorIncidentUpdatePosted': {
      const next = event.payload.nextUpdateDueAt
      return next ? t('activity.nextUpdate', { text: event.payload.text, at: formatFullTimestamp(next) }) : event.payload.text
    }
    case 'MajorIncidentDetailsUpdated': {
      const payload = event.payload
      return (
        [
          payload.affectedServices ? t('activity.affectedServices', { services: payload.affectedServices.join(', ') || none() }) : null,
          payload.updateCadenceMinutes !== undefined ? t('activity.cadence', { minutes: payload.updateCadenceMinutes }) : null,
          payload.incidentManager ? t('activity.manager', { name: payload.incidentManager.displayName }) : null,
        ]
          .filter(Boolean)
          .join(' · ') || null
      )
    }
    case 'PostIncidentReviewRecorded':
      return t('activity.review', { summary: event.payload.summary, rootCause: event.payload.rootCause })
    default:
      return null
  }
}

function diff(before: Incident, after: Incident): FieldChange[] {
  const changes: FieldChange[] = []
  for (const { field, label, format } of TRACKED_FIELDS) {
    const from = format(before)
    const to = format(after)
    if (from !== to) changes.push({ field, label: t(label), from, to })
  }
  return changes
}

/**
 * Timeline entries for steps still being saved (savingSteps.ts), continuing from `stored`, the
 * incident the held history folds to: their events sort after everything held, so these are
 * the entries the whole history would end with, worked out without going through it again.
 */
export function savingActivity(stored: Incident, provisional: readonly IncidentEvent[], numberOf: NumberLookup = () => undefined): ActivityEntry[] {
  return buildActivity(provisional, { incident: stored, throughSeq: 0 }, numberOf).entries
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
  // An imported incident's one event shows as the steps it stands for, each at its own time.
  const ordered = dedupe(unfoldEvents(held)).sort(compareEvents)
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
