import { dequal } from 'dequal'
import { memo } from 'react'
import { SYNC_SERVER_ACTOR } from '../../src-shared/events/events'
import { formatFullTimestamp, formatShortTimestamp } from '../incident/formatTimestamp'
import { AttachmentList } from '../attachments/AttachmentList'
import type { ActivityEntry, FieldChange } from './activityEntries'
import { t } from '../i18n/activeLanguage'
import { Rich } from '../i18n/Rich'

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


/** A glyph beside the words, so the kind of entry is never told by colour alone. */
const NOTE_ICONS = { work: '🔒', to_caller: '✉', from_caller: '↩' } as const

/**
 * One step of the incident's history: who, when, and what. Work notes (internal) and caller
 * comments (the caller reads them) look different at a glance and say so in words; field changes
 * read "Priority: P3 Moderate → P2 High"; concurrent edits and steps that were no longer valid
 * when they reached the server are called out, never hidden.
 */
export const ActivityEntryItem = memo(ActivityEntryView, sameEntry)

/**
 * The timeline is rebuilt from the events at every step (activityEntries.ts), so each entry is a
 * new object; the words it shows are drawn again only when its content changed. Without this, a
 * note added to an incident with a long history re-rendered every entry before it (each with
 * its dates and messages formatted), and the click-to-note time grew with the history. A change
 * of language re-mounts the tree (LanguageProvider), so it needs no prop here.
 */
function sameEntry(before: Props, after: Props): boolean {
  return before.syncState === after.syncState && before.onOpenIncident === after.onOpenIncident && dequal(before.entry, after.entry)
}

function ActivityEntryView({ entry, syncState, onOpenIncident }: Props) {
  const changes = entry.conflicts.length > 0 ? entry.changes.filter((change) => !FIELDS_IN_CONFLICTS.has(change.field)) : entry.changes

  return (
    <li className="activity-entry" data-kind={entry.kind} data-attention={entry.needsAttention || undefined}>
      <div className="activity-entry__marker" aria-hidden="true" />
      <div className="activity-entry__body">
        <p className="activity-entry__meta">
          <span className="activity-entry__kind">{t(`activity.kind.${entry.kind}`)}</span>
          <span className="activity-entry__who">
            <span translate="no">{entry.actor.displayName}</span>
            {/* The server writes its own events as a system actor; its "role" means nothing to a person. */}
            {entry.actor.userId === SYNC_SERVER_ACTOR.userId ? null : (
              <span className="activity-entry__role"> ({t(`role.${entry.actor.role}`)})</span>
            )}
          </span>
          <time className="activity-entry__when" dateTime={entry.occurredAt} title={formatFullTimestamp(entry.occurredAt)}>
            {formatShortTimestamp(entry.occurredAt)}
          </time>
          {syncState === 'saving' ? <span className="activity-entry__sync activity-entry__sync--saving">{t('activity.saving')}</span> : null}
          {syncState === 'pending' ? <span className="activity-entry__sync">{t('activity.pending')}</span> : null}
          {syncState === 'refused' ? <span className="activity-entry__sync activity-entry__sync--refused">{t('activity.refused')}</span> : null}
        </p>

        {entry.kind === 'workNote' || entry.kind === 'callerComment' ? (
          <div className="activity-entry__note" data-note={entry.kind === 'workNote' ? 'work' : entry.direction}>
            <p className="activity-entry__note-label">
              <span className="activity-entry__note-icon" aria-hidden="true">
                {NOTE_ICONS[entry.kind === 'workNote' ? 'work' : (entry.direction ?? 'to_caller')]}
              </span>{' '}
              {entry.kind === 'workNote'
                ? t('activity.internal')
                : entry.direction === 'to_caller'
                  ? t('activity.sentToCaller')
                  : t('activity.fromCallerNote')}
            </p>
            <p className="activity-entry__text" translate="no">
              {entry.text}
            </p>
          </div>
        ) : (
          <p className="activity-entry__summary">{entry.summary}</p>
        )}
        {entry.detail ? <p className="activity-entry__detail">{entry.detail}</p> : null}
        {entry.link ? (
          <p className="activity-entry__detail">
            {onOpenIncident ? (
              <button type="button" className="link-button" onClick={() => onOpenIncident(entry.link!.incidentId)}>
                {t('activity.openLinked', { number: entry.link.number ?? t('activity.theLinked') })}
              </button>
            ) : (
              (entry.link.number ?? t('activity.notOnDesk'))
            )}
          </p>
        ) : null}
        {entry.attachment ? <AttachmentList attachments={[entry.attachment]} label={t('activity.attachedFile', { name: entry.attachment.name })} /> : null}

        {changes.length > 0 ? (
          <ul className="activity-entry__changes" aria-label={t('activity.changedFields')}>
            {changes.map((change) => (
              <li key={change.field}>
                <span className="activity-entry__field">{change.label}:</span> <span className="activity-entry__old" translate="no">
                  {change.from}
                </span>
                <span aria-hidden="true"> → </span>
                <span className="visually-hidden">{t('activity.changedTo')}</span>
                <span className="activity-entry__new" translate="no">
                  {change.to}
                </span>
              </li>
            ))}
          </ul>
        ) : null}

        {entry.conflicts.map((conflict) => (
          <div key={conflict.earlier.eventId} className="activity-callout activity-callout--conflict">
            <p className="activity-callout__title">{t('activity.conflict.title')}</p>
            <p>
              {t('activity.conflict.body', {
                earlier: conflict.earlier.actor.displayName,
                label: conflict.label,
                earlierValue: conflict.earlier.value,
                later: conflict.later.actor.displayName,
                laterValue: conflict.later.value,
              })}
              {conflict.current === conflict.later.value ? (
                <Rich id="activity.conflict.kept" values={{ value: conflict.later.value }} />
              ) : (
                <Rich id="activity.conflict.won" values={{ label: conflict.label, value: conflict.current }} />
              )}
            </p>
          </div>
        ))}

        {entry.needsAttention ? (
          <div className="activity-callout activity-callout--attention">
            <p className="activity-callout__title">{t('activity.attention.title')}</p>
            <p>
              {t('activity.attention.body')}
            </p>
          </div>
        ) : null}
      </div>
    </li>
  )
}
