import { useId, useState } from 'react'
import type { Incident, PostIncidentReview as Review } from '../../src-shared/incident/incident'
import { checkPermission } from '../../src-shared/incident/lifecycle'
import { useDesk } from '../desk/deskContext'
import { formatFullTimestamp } from '../incident/formatTimestamp'
import { useStoreCommand } from './majorData'
import { splitLines } from './majorViewModel'
import { refusalText, t } from '../i18n/activeLanguage'
import { Rich } from '../i18n/Rich'

/**
 * The post-incident review, once the service is restored. Read-only after it is recorded; a new
 * record replaces the shown one (the earlier stays in the activity log), and the form says so.
 */
export function PostIncidentReview({ incident }: { incident: Incident }) {
  const headingId = useId()
  const { session } = useDesk()
  const [editing, setEditing] = useState(false)
  const refusal = checkPermission(incident, 'recordReview', session.actor)
  const review = incident.postIncidentReview

  if (incident.state !== 'resolved' && incident.state !== 'closed') return null

  return (
    <section className="major-section" aria-labelledby={headingId}>
      <h2 id={headingId} className="major-section__title">
        {t('major.review.title')}
      </h2>
      {review && !editing ? (
        <>
          <ReviewRecord review={review} />
          {refusal ? null : (
            <button type="button" className="button button--small" onClick={() => setEditing(true)}>
              {t('major.review.again')}
            </button>
          )}
        </>
      ) : refusal ? (
        <p className="form__hint">{review ? null : t('major.review.noneYet')}{refusalText(refusal)}</p>
      ) : (
        <ReviewForm incident={incident} replaces={review} onDone={() => setEditing(false)} />
      )}
    </section>
  )
}

function ReviewRecord({ review }: { review: Review }) {
  return (
    <dl className="major-review" aria-label={t('major.review.recorded')}>
      <dt>{t('major.review.summary')}</dt>
      <dd>{review.summary}</dd>
      <dt>{t('major.review.rootCause')}</dt>
      <dd>{review.rootCause}</dd>
      <dt>{t('major.review.lessons')}</dt>
      <dd>{review.lessonsLearned || '—'}</dd>
      <dt>{t('major.review.actions')}</dt>
      <dd>
        {review.followUpActions.length === 0 ? (
          '—'
        ) : (
          <ul>
            {review.followUpActions.map((action) => (
              <li key={action}>{action}</li>
            ))}
          </ul>
        )}
      </dd>
      <dt>{t('major.review.recordedAt')}</dt>
      <dd>
        <Rich
          id="major.review.by"
          values={{ name: <span translate="no">{review.recordedBy.displayName}</span>, at: <time dateTime={review.recordedAt}>{formatFullTimestamp(review.recordedAt)}</time> }}
        />
      </dd>
    </dl>
  )
}

function ReviewForm({ incident, replaces, onDone }: { incident: Incident; replaces: Review | null; onDone: () => void }) {
  const ids = { summary: useId(), rootCause: useId(), lessons: useId(), actions: useId(), error: useId() }
  const [summary, setSummary] = useState(replaces?.summary ?? '')
  const [rootCause, setRootCause] = useState(replaces?.rootCause ?? '')
  const [lessons, setLessons] = useState(replaces?.lessonsLearned ?? '')
  const [actions, setActions] = useState(replaces?.followUpActions.join('\n') ?? '')
  const { run, busy, error } = useStoreCommand()

  async function record() {
    const result = await run({
      action: 'recordReview',
      incidentId: incident.id,
      summary,
      rootCause,
      lessonsLearned: lessons,
      followUpActions: splitLines(actions),
    })
    if (result.ok) onDone()
  }

  return (
    <form
      className="form major-review-form"
      aria-label={t('major.review.form')}
      onSubmit={(event) => {
        event.preventDefault()
        void record()
      }}
    >
      {replaces ? (
        <p className="major-review-form__replaces">
          {t('major.review.replaces', { name: replaces.recordedBy.displayName, at: formatFullTimestamp(replaces.recordedAt) })}
        </p>
      ) : null}
      <div className="form__field">
        <label htmlFor={ids.summary}>{t('major.review.summary')}</label>
        <textarea id={ids.summary} rows={2} value={summary} onChange={(event) => setSummary(event.target.value)} />
      </div>
      <div className="form__field">
        <label htmlFor={ids.rootCause}>{t('major.review.rootCause')}</label>
        <textarea id={ids.rootCause} rows={2} value={rootCause} onChange={(event) => setRootCause(event.target.value)} />
      </div>
      <div className="form__field">
        <label htmlFor={ids.lessons}>{t('major.review.lessons')}</label>
        <textarea id={ids.lessons} rows={2} value={lessons} onChange={(event) => setLessons(event.target.value)} />
      </div>
      <div className="form__field">
        <label htmlFor={ids.actions}>{t('major.review.actions')}</label>
        <textarea id={ids.actions} rows={3} value={actions} onChange={(event) => setActions(event.target.value)} aria-describedby={`${ids.actions}-hint`} />
        <span id={`${ids.actions}-hint`} className="form__hint">
          {t('major.review.onePerLine')}
        </span>
      </div>
      <div className="form__actions">
        {replaces ? (
          <button type="button" className="button button--small button--quiet" onClick={onDone}>
            {t('major.review.keep')}
          </button>
        ) : null}
        <button type="submit" className="button button--primary button--small" disabled={busy}>
          {t('major.review.record')}
        </button>
      </div>
      <p id={ids.error} role="alert" className="form__error" data-empty={error === null}>
        {error}
      </p>
    </form>
  )
}
