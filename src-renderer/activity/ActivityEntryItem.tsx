import { SYNC_SERVER_ACTOR } from '../../src-shared/events/events'
import { formatFullTimestamp, formatShortTimestamp } from '../incident/formatTimestamp'
import { AttachmentList } from '../attachments/AttachmentList'
import type { ActivityEntry, FieldChange } from './activityEntries'
import { t } from '../i18n/activeLanguage'

export type EntrySyncState = 'synced' | 'pending' | 'refused' | 'local' | 'saving'

interface Props {
  entry: ActivityEntry
  syncState: EntrySyncState
  /** Opens another incident (a link's other end); absent where there is nowhere to go. */
  onOpenIncident?: (incidentId: string) => void
}

/** Fields an edit conflict speaks for: its callout replaces their plain "old → new" lines. */
const FIELDS_IN_CONFLICTS: ReadonlySet<FieldChange['field']> = new Set([
  'priority',
  'impact',
  'urgency',
  'category',
  'subcategory',
  'service',
  'configurationItem',
  'assignmentGroup',
  'assignee',
])

const KIND_LABELS: Record<ActivityEntry['kind'], string> = {
  logged: 'Logged',
  workNote: 'Work note',
  callerComment: 'Caller comment',
  change: 'Change',
  numbered: 'Numbered',
  escalation: 'Escalation',
  resolution: 'Resolution',
  attachment: 'Attachment',
  link: 'Link',
  majorUpdate: 'Stakeholder update',
}

/** A glyph beside the words, so the kind of entry is never told by colour alone. */
const NOTE_ICONS = { work: '🔒', to_caller: '✉', from_caller: '↩' } as const

/**
 * One step of the incident's history: who, when, and what. Work notes (internal) and caller
 * comments (the caller reads them) look different at a glance and say so in words; field changes
 * read "Priority: P3 Moderate → P2 High"; concurrent edits and steps that were no longer valid
 * when they reached the server are called out, never hidden.
 */
export function ActivityEntryItem({ entry, syncState, onOpenIncident }: Props) {
  const changes = entry.conflicts.length > 0 ? entry.changes.filter((change) => !FIELDS_IN_CONFLICTS.has(change.field)) : entry.changes

  return (
    <li className="activity-entry" data-kind={entry.kind} data-attention={entry.needsAttention || undefined}>
      <div className="activity-entry__marker" aria-hidden="true" />
      <div className="activity-entry__body">
        <p className="activity-entry__meta">
          <span className="activity-entry__kind">{KIND_LABELS[entry.kind]}</span>
          <span className="activity-entry__who">
            {entry.actor.displayName}
            {/* The server writes its own events as a system actor; its "role" means nothing to a person. */}
            {entry.actor.userId === SYNC_SERVER_ACTOR.userId ? null : (
              <span className="activity-entry__role"> ({t(`role.${entry.actor.role}`)})</span>
            )}
          </span>
          <time className="activity-entry__when" dateTime={entry.occurredAt} title={formatFullTimestamp(entry.occurredAt)}>
            {formatShortTimestamp(entry.occurredAt)}
          </time>
          {syncState === 'saving' ? <span className="activity-entry__sync activity-entry__sync--saving">saving…</span> : null}
          {syncState === 'pending' ? <span className="activity-entry__sync">not yet synced</span> : null}
          {syncState === 'refused' ? <span className="activity-entry__sync activity-entry__sync--refused">refused by the server</span> : null}
        </p>

        {entry.kind === 'workNote' || entry.kind === 'callerComment' ? (
          <div className="activity-entry__note" data-note={entry.kind === 'workNote' ? 'work' : entry.direction}>
            <p className="activity-entry__note-label">
              <span className="activity-entry__note-icon" aria-hidden="true">
                {NOTE_ICONS[entry.kind === 'workNote' ? 'work' : (entry.direction ?? 'to_caller')]}
              </span>{' '}
              {entry.kind === 'workNote'
                ? 'Internal · not shown to the caller'
                : entry.direction === 'to_caller'
                  ? 'Sent to the caller · the caller sees this'
                  : 'Recorded from the caller'}
            </p>
            <p className="activity-entry__text">{entry.text}</p>
          </div>
        ) : (
          <p className="activity-entry__summary">{entry.summary}</p>
        )}
        {entry.detail ? <p className="activity-entry__detail">{entry.detail}</p> : null}
        {entry.link ? (
          <p className="activity-entry__detail">
            {onOpenIncident ? (
              <button type="button" className="link-button" onClick={() => onOpenIncident(entry.link!.incidentId)}>
                Open {entry.link.number ?? 'the linked incident'}
              </button>
            ) : (
              (entry.link.number ?? 'An incident not on this desk')
            )}
          </p>
        ) : null}
        {entry.attachment ? <AttachmentList attachments={[entry.attachment]} label={`Attached file ${entry.attachment.name}`} /> : null}

        {changes.length > 0 ? (
          <ul className="activity-entry__changes" aria-label="Changed fields">
            {changes.map((change) => (
              <li key={change.field}>
                <span className="activity-entry__field">{change.label}:</span> <span className="activity-entry__old">{change.from}</span>
                <span aria-hidden="true"> → </span>
                <span className="visually-hidden"> changed to </span>
                <span className="activity-entry__new">{change.to}</span>
              </li>
            ))}
          </ul>
        ) : null}

        {entry.conflicts.map((conflict) => (
          <div key={conflict.earlier.eventId} className="activity-callout activity-callout--conflict">
            <p className="activity-callout__title">Edited on two desks at once</p>
            <p>
              {conflict.earlier.actor.displayName} set {conflict.label} {conflict.earlier.value}; {conflict.later.actor.displayName} set{' '}
              {conflict.later.value}, without having seen the first edit. The server received this one last, so{' '}
              {conflict.current === conflict.later.value ? (
                <>
                  <strong>{conflict.later.value}</strong> is kept.
                </>
              ) : (
                <>
                  it won then; the {conflict.label} is now <strong>{conflict.current}</strong>.
                </>
              )}
            </p>
          </div>
        ))}

        {entry.needsAttention ? (
          <div className="activity-callout activity-callout--attention">
            <p className="activity-callout__title">Needs attention</p>
            <p>
              This step was no longer valid when it reached the server: another desk changed the incident first. It is kept in the log
              but did not change the incident; decide what should happen now.
            </p>
          </div>
        ) : null}
      </div>
    </li>
  )
}
